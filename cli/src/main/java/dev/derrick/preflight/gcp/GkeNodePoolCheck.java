package dev.derrick.preflight.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.derrick.config.CapacityType;
import dev.derrick.config.NodePoolSpec;
import dev.derrick.preflight.CheckResult;
import dev.derrick.preflight.StackOutputs;

import java.util.ArrayList;

/**
 * A deployed GKE node pool is what {@code GkeNodePool} promised: RUNNING, autoscaling on with
 * the pool's total min/max, its machine type, its accelerator type and count, Spot as configured.
 * GKE v1 {@code GET projects/{p}/locations/{region}/clusters/{c}/nodePools/{pool}} ->
 * {@code status}, {@code autoscaling.enabled/totalMinNodeCount/totalMaxNodeCount},
 * {@code config.machineType}, {@code config.accelerators[].acceleratorType/acceleratorCount}
 * (int64 as a string), {@code config.spot}
 * (https://cloud.google.com/kubernetes-engine/docs/reference/rest/v1/projects.locations.clusters.nodePools#NodePool).
 */
final class GkeNodePoolCheck extends GcpCheck {
    private final String region;
    private final String pool;
    private final NodePoolSpec spec;
    private final String machineType;
    private final String acceleratorType;
    private final int gpus;
    private final String output;
    private final String cluster;

    /** @param acceleratorType null for a CPU pool */
    GkeNodePoolCheck(GcpClients gcp, String project, int maxAttempts, String region, String pool, NodePoolSpec spec, String machineType,
                     String acceleratorType, int gpus, String output, String cluster) {
        super(gcp, project, maxAttempts);
        this.region = region;
        this.pool = pool;
        this.spec = spec;
        this.machineType = machineType;
        this.acceleratorType = acceleratorType;
        this.gpus = gpus;
        this.output = output;
        this.cluster = cluster;
    }

    @Override
    public String id() {
        return "gcp.gke-nodepool";
    }

    @Override
    public String subject() {
        return pool;
    }

    @Override
    String permission() {
        return "container.clusters.get (e.g. roles/container.clusterViewer)";
    }

    @Override
    public CheckResult run() throws Exception {
        if (cluster == null) {
            return CheckResult.fail(this, "no cluster name in the stack outputs", StackOutputs.missingFix(output));
        }
        JsonNode p = gcp.container("projects/" + enc(project) + "/locations/" + enc(region) + "/clusters/" + enc(cluster) + "/nodePools/" + enc(spec.name()));
        if (p == null) {
            return CheckResult.fail(this, "node pool " + spec.name() + " does not exist in cluster " + cluster, "run pulumi up for this stack");
        }
        if (!spec.name().equals(p.path("name").asText()) || p.path("status").asText("").isEmpty() || !p.path("config").isObject()) {
            throw new GcpClients.UnreadableResponseException("nodePools.get without name, status and config");
        }
        var problems = new ArrayList<String>();
        String status = p.path("status").asText();
        if (!"RUNNING".equals(status)) {
            problems.add("status " + status + ", expected RUNNING");
        }
        JsonNode a = p.path("autoscaling");
        long min = a.path("totalMinNodeCount").asLong(0);
        long max = a.path("totalMaxNodeCount").asLong(0);
        int wantMin = spec.min() == null ? 0 : spec.min();
        int wantMax = spec.max() == null ? 0 : spec.max();
        if (!a.path("enabled").asBoolean(false)) {
            problems.add("autoscaling off");
        } else if (min != wantMin || max != wantMax) {
            problems.add("autoscaling " + min + ".." + max + ", expected " + wantMin + ".." + wantMax);
        }
        JsonNode config = p.path("config");
        String type = config.path("machineType").asText("");
        if (machineType != null && !machineType.equals(type)) {
            problems.add("machine type " + type + ", expected " + machineType);
        }
        if (acceleratorType != null) {
            JsonNode acc = config.path("accelerators").path(0);
            String accType = acc.path("acceleratorType").asText("none");
            long count = acc.path("acceleratorCount").asLong(0);
            if (!acceleratorType.equals(accType) || count != gpus) {
                problems.add("accelerators " + count + " x " + accType + ", expected " + gpus + " x " + acceleratorType);
            }
        }
        boolean spot = config.path("spot").asBoolean(false);
        if (spot != (spec.capacity() == CapacityType.SPOT)) {
            problems.add((spot ? "Spot" : "not Spot") + ", expected " + (spot ? "not Spot" : "Spot"));
        }
        if (!problems.isEmpty()) {
            return CheckResult.fail(this, String.join("; ", problems), "run pulumi up to restore the pool (it was changed outside Pulumi, or the update failed)");
        }
        return CheckResult.pass(this, status + ", " + min + ".." + max + " x " + type + (acceleratorType == null ? "" : " with " + gpus + " x " + acceleratorType)
                + (spot ? ", Spot" : ""));
    }
}
