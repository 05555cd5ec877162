package dev.derrick.preflight.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.derrick.preflight.CheckResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@code capacity: reserved} pool's reservation exists in the cluster's region (in one of the
 * pool's zones, when it has zones), is READY, reserves the pool's machine type and has room for
 * the pool at max scale: Compute Engine v1 {@code GET projects/{project}/aggregated/reservations
 * ?filter=name = {name}} ({@code items} keyed {@code zones/<zone>}, each with {@code reservations[]}
 * of {@code zone, status, specificReservation.count, specificReservation.inUseCount,
 * specificReservation.instanceProperties.machineType}; int64 values come as JSON strings)
 * (https://cloud.google.com/compute/docs/reference/rest/v1/reservations/aggregatedList).
 * GKE nodes that find no room in the reservation fail to start.
 */
final class ReservationCheck extends GcpCheck {
    private final String region;
    private final String pool;
    private final String reservation;
    private final String machineType;
    private final List<String> zones;
    private final int maxNodes;

    ReservationCheck(GcpClients gcp, String project, int maxAttempts, String region, String pool, String reservation, String machineType,
                     List<String> zones, int maxNodes) {
        super(gcp, project, maxAttempts);
        this.region = region;
        this.pool = pool;
        this.reservation = reservation;
        this.machineType = machineType;
        this.zones = List.copyOf(zones);
        this.maxNodes = maxNodes;
    }

    @Override
    public String id() {
        return "gcp.reservation";
    }

    @Override
    public String subject() {
        return pool + " reservation " + reservation + " in " + region;
    }

    @Override
    String permission() {
        return "compute.reservations.list (e.g. roles/compute.viewer)";
    }

    @Override
    public CheckResult run() throws Exception {
        JsonNode list = gcp.compute("projects/" + enc(project) + "/aggregated/reservations?filter=" + enc("name = " + reservation));
        if (list == null || !"compute#reservationAggregatedList".equals(list.path("kind").asText())
                || !(list.path("items").isObject() || list.path("items").isMissingNode())) {
            throw new GcpClients.UnreadableResponseException("reservations.aggregatedList without kind compute#reservationAggregatedList and items{}");
        }
        var found = new ArrayList<JsonNode>();
        var elsewhere = new ArrayList<String>();
        for (Map.Entry<String, JsonNode> scope : iterable(list.path("items"))) {
            for (JsonNode r : scope.getValue().path("reservations")) {
                if (!reservation.equals(r.path("name").asText())) {
                    continue;
                }
                String zone = last(r.path("zone").asText(scope.getKey()));
                if (zone.startsWith(region + "-") && (zones.isEmpty() || zones.contains(zone))) {
                    found.add(r);
                } else {
                    elsewhere.add(zone);
                }
            }
        }
        if (found.isEmpty()) {
            return CheckResult.fail(this, "no reservation " + reservation + " in " + (zones.isEmpty() ? region : String.join(", ", zones))
                            + (elsewhere.isEmpty() ? "" : " (found in " + String.join(", ", elsewhere) + ")"),
                    "create it (gcloud compute reservations create " + reservation + " --zone=ZONE --machine-type=" + machineType
                            + " --vm-count=" + maxNodes + ") or fix the pool's reservation and zones");
        }
        var problems = new ArrayList<String>();
        var figures = new ArrayList<String>();
        long free = 0;
        for (JsonNode r : found) {
            String zone = last(r.path("zone").asText());
            JsonNode specific = r.path("specificReservation");
            Long count = int64(specific.path("count"));
            Long inUse = int64(specific.path("inUseCount"));
            if (count == null || inUse == null) {
                throw new GcpClients.UnreadableResponseException("reservation without specificReservation.count and inUseCount");
            }
            String type = specific.path("instanceProperties").path("machineType").asText("");
            String status = r.path("status").asText("");
            figures.add(zone + ": " + status + ", " + type + ", " + count + " reserved, " + inUse + " in use");
            if (!"READY".equals(status)) {
                problems.add("status " + status + " in " + zone + ", expected READY");
                continue;
            }
            if (machineType != null && !type.isEmpty() && !machineType.equals(last(type))) {
                problems.add("reserves " + last(type) + " in " + zone + ", the pool uses " + machineType);
                continue;
            }
            free += count - inUse;
        }
        String figure = String.join("; ", figures) + "; the pool needs " + maxNodes + " at max scale";
        if (!problems.isEmpty() && free == 0) {
            return CheckResult.fail(this, String.join("; ", problems) + " (" + figure + ")", "fix the reservation or the pool's machine type");
        }
        if (free < maxNodes) {
            return CheckResult.fail(this, "room for " + free + " node(s) (" + figure + ")",
                    "resize the reservation (gcloud compute reservations update " + reservation + " --vm-count=N) or lower the pool's max");
        }
        return CheckResult.pass(this, figure);
    }

    private static Long int64(JsonNode v) {
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        try {
            return v.isTextual() ? Long.parseLong(v.asText()) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String last(String urlOrName) {
        return urlOrName.substring(urlOrName.lastIndexOf('/') + 1);
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode object) {
        return object::fields;
    }
}
