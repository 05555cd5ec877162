package dev.derrick.preflight.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.derrick.preflight.CheckResult;

import java.util.ArrayList;
import java.util.List;

/**
 * A GPU pool's accelerator type is offered in each of its zones: Compute Engine v1
 * {@code GET projects/{project}/zones/{zone}/acceleratorTypes/{type}}, 200 offered (an AcceleratorType
 * with that {@code name}), 404 not
 * (https://cloud.google.com/compute/docs/reference/rest/v1/acceleratorTypes/get).
 * A GKE node pool in a zone without the type never gets GPU nodes there.
 */
final class AcceleratorOfferedCheck extends GcpCheck {
    private final String pool;
    private final String acceleratorType;
    private final List<String> zones;

    /** @param zones the pool's zones; the check is only built for pools with zones */
    AcceleratorOfferedCheck(GcpClients gcp, String project, int maxAttempts, String pool, String acceleratorType, List<String> zones) {
        super(gcp, project, maxAttempts);
        this.pool = pool;
        this.acceleratorType = acceleratorType;
        this.zones = List.copyOf(zones);
    }

    @Override
    public String id() {
        return "gcp.accelerator-type";
    }

    @Override
    public String subject() {
        return pool + " " + acceleratorType + " in " + String.join(", ", zones);
    }

    @Override
    public CheckResult run() throws Exception {
        var missing = new ArrayList<String>();
        var offered = new ArrayList<String>();
        for (String zone : zones) {
            JsonNode type = gcp.compute("projects/" + enc(project) + "/zones/" + enc(zone) + "/acceleratorTypes/" + enc(acceleratorType));
            if (type == null) {
                missing.add(zone);
            } else if (!acceleratorType.equals(type.path("name").asText())) {
                throw new GcpClients.UnreadableResponseException("acceleratorTypes.get answered without name " + acceleratorType);
            } else {
                offered.add(zone);
            }
        }
        if (missing.isEmpty()) {
            return CheckResult.pass(this, "offered in all " + zones.size() + " zone(s)");
        }
        return CheckResult.fail(this, acceleratorType + " is not offered in " + String.join(", ", missing)
                        + (offered.isEmpty() ? "" : " (offered in " + String.join(", ", offered) + ")"),
                "pick a zone that offers it (gcloud compute accelerator-types list --filter=name=" + acceleratorType + ")"
                        + (offered.isEmpty() ? "" : ", e.g. zones: [" + String.join(", ", offered) + "]"));
    }

    @Override
    String permission() {
        return "compute.acceleratorTypes.get (e.g. roles/compute.viewer)";
    }
}
