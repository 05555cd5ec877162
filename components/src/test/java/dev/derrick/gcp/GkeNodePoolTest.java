package dev.derrick.gcp;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import dev.derrick.catalog.Catalog;
import dev.derrick.config.CapacityType;
import dev.derrick.config.NodePoolSpec;
import dev.derrick.config.Taint;
import dev.derrick.plan.Plan;
import dev.derrick.plan.PlannedResource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.derrick.plan.ComponentPlans.map;
import static dev.derrick.plan.ComponentPlans.plan;
import static dev.derrick.plan.ComponentPlans.resource;
import static org.assertj.core.api.Assertions.assertThat;

/** GkeNodePool's inputs, planned offline. */
class GkeNodePoolTest {
    private static final String NODE_POOL = "gcp:container/nodePool:NodePool";
    private static final List<String> ONE_ZONE = List.of("us-central1-a");
    private static final List<String> TWO_ZONES = List.of("us-central1-b", "us-central1-c");

    static NodePoolSpec pool(String name, String accelerator, Integer gpus, String machineType, int min, int max, CapacityType capacity,
                             String reservation) {
        return new NodePoolSpec(name, accelerator, gpus, machineType, min, max, null, capacity, null, null, Map.of("team", "ml"),
                List.of(), null, reservation);
    }

    private static PlannedResource planned(NodePoolSpec spec, List<String> zones) {
        var type = Catalog.bundled().pick("gcp", spec.accelerator(), spec.gpusPerNode(), spec.machineType()).orElse(null);
        Plan plan = plan(ctx -> new GkeNodePool("train-" + spec.name(), spec, type, "p-123456", "us-central1", zones, Output.of("prod-train"),
                Output.of("nodes@p-123456.iam.gserviceaccount.com"), Map.of("team", "ml"), ComponentResourceOptions.Empty));
        return resource(plan, NODE_POOL, "train-" + spec.name());
    }

    @Test
    void gpuPool_whenH100x8InOneZone_hasA3WithEightGuestGpusDriversTaintLabelsAndCompactPlacement() {
        PlannedResource np = planned(pool("h100", "h100-80gb", 8, null, 0, 4, CapacityType.ON_DEMAND, null), ONE_ZONE);

        assertThat(Plan.get(np.inputs(), "nodeConfig.machineType")).as("machine type").isEqualTo("a3-highgpu-8g");
        assertThat(Plan.get(np.inputs(), "nodeConfig.guestAccelerators.0.type")).as("accelerator type").isEqualTo("nvidia-h100-80gb");
        assertThat(Plan.get(np.inputs(), "nodeConfig.guestAccelerators.0.count")).as("accelerator count").isEqualTo(8L);
        assertThat(Plan.get(np.inputs(), "nodeConfig.guestAccelerators.0.gpuDriverInstallationConfig.gpuDriverVersion"))
                .as("GKE installs drivers").isEqualTo("DEFAULT");
        assertThat(Plan.get(np.inputs(), "nodeConfig.taints")).as("GPU taint with GKE's own value")
                .isEqualTo(List.of(Map.of("key", "nvidia.com/gpu", "value", "present", "effect", "NO_SCHEDULE")));
        assertThat(map(np, "nodeConfig.labels")).as("node labels as on AWS")
                .containsEntry("derrick.dev/pool", "h100").containsEntry("derrick.dev/accelerator", "h100-80gb")
                .containsEntry("derrick.dev/gpu-count", "8").containsEntry("nvidia.com/gpu.present", "true").containsEntry("team", "ml");
        assertThat(Plan.get(np.inputs(), "placementPolicy.type")).as("compact placement for a3 in one zone").isEqualTo("COMPACT");
        assertThat(np.inputs()).as("pool").containsEntry("name", "h100").containsEntry("location", "us-central1")
                .containsEntry("nodeLocations", ONE_ZONE).containsEntry("cluster", "prod-train");
        assertThat(Plan.get(np.inputs(), "nodeConfig.spot")).as("spot").isEqualTo(false);
        assertThat(Plan.get(np.inputs(), "nodeConfig.reservationAffinity")).as("on-demand: GCE's default affinity").isNull();
        assertThat(Plan.get(np.inputs(), "upgradeSettings.maxSurge")).as("no GPU surge").isEqualTo(0L);
    }

    @Test
    void pool_whenMinAndMaxGiven_usesPoolWideTotalsNotPerZoneCounts() {
        PlannedResource np = planned(pool("l4", "l4", 4, null, 1, 8, CapacityType.ON_DEMAND, null), TWO_ZONES);

        assertThat(Plan.get(np.inputs(), "autoscaling.totalMinNodeCount")).as("total min").isEqualTo(1L);
        assertThat(Plan.get(np.inputs(), "autoscaling.totalMaxNodeCount")).as("total max").isEqualTo(8L);
        assertThat(Plan.get(np.inputs(), "autoscaling.minNodeCount")).as("per-zone min unset").isNull();
        assertThat(np.inputs()).as("desired 1 over 2 zones: 1 per zone").containsEntry("initialNodeCount", 1L);
        assertThat(Plan.get(np.inputs(), "autoscaling.locationPolicy")).as("GPU capacity from any zone").isEqualTo("ANY");
    }

    @Test
    void gpuPool_whenG2SpansTwoZones_hasNoCompactPlacement() {
        PlannedResource np = planned(pool("l4", "l4", 4, null, 1, 8, CapacityType.ON_DEMAND, null), TWO_ZONES);

        assertThat(Plan.get(np.inputs(), "nodeConfig.machineType")).as("machine type").isEqualTo("g2-standard-48");
        assertThat(np.inputs()).as("compact placement is single-zone").doesNotContainKey("placementPolicy");
    }

    @Test
    void gpuPool_whenN1InOneZone_hasNoCompactPlacement() {
        PlannedResource np = planned(pool("t4", "t4", 2, "n1-standard-8", 0, 2, CapacityType.ON_DEMAND, null), ONE_ZONE);

        assertThat(np.inputs()).as("N1 is not a compact-placement GPU family here").doesNotContainKey("placementPolicy");
        assertThat(Plan.get(np.inputs(), "nodeConfig.guestAccelerators.0.count")).as("the 2-GPU N1 entry").isEqualTo(2L);
        assertThat(Plan.get(np.inputs(), "nodeConfig.guestAccelerators.0.type")).as("attached T4").isEqualTo("nvidia-tesla-t4");
    }

    @Test
    void gpuPool_whenSpot_isSpotAndConsumesNoReservation() {
        PlannedResource np = planned(pool("gpu", "l4", 1, null, 0, 2, CapacityType.SPOT, null), ONE_ZONE);

        assertThat(Plan.get(np.inputs(), "nodeConfig.spot")).as("spot").isEqualTo(true);
        assertThat(Plan.get(np.inputs(), "nodeConfig.reservationAffinity.consumeReservationType")).as("affinity").isEqualTo("NO_RESERVATION");
        assertThat(map(np, "nodeConfig.labels")).as("capacity label").containsEntry("derrick.dev/capacity", "spot");
    }

    @Test
    void gpuPool_whenReservedWithName_consumesThatReservation() {
        PlannedResource np = planned(pool("h100", "h100-80gb", 8, null, 0, 4, CapacityType.RESERVED, "h100-prod"), ONE_ZONE);

        assertThat(map(np, "nodeConfig.reservationAffinity")).as("affinity").containsEntry("consumeReservationType", "SPECIFIC_RESERVATION")
                .containsEntry("key", "compute.googleapis.com/reservation-name").containsEntry("values", List.of("h100-prod"));
    }

    @Test
    void gpuPool_whenReservedWithoutName_consumesAnyReservation() {
        PlannedResource np = planned(pool("h100", "h100-80gb", 8, null, 0, 4, CapacityType.RESERVED, null), ONE_ZONE);

        assertThat(Plan.get(np.inputs(), "nodeConfig.reservationAffinity.consumeReservationType")).as("affinity").isEqualTo("ANY_RESERVATION");
    }

    @Test
    void cpuPool_whenPlanned_hasNoAcceleratorsNoTaintAndSurgesOnUpgrade() {
        PlannedResource np = planned(pool("system", null, null, "n2-standard-8", 2, 4, CapacityType.ON_DEMAND, null), TWO_ZONES);

        assertThat(Plan.get(np.inputs(), "nodeConfig.machineType")).as("machine type").isEqualTo("n2-standard-8");
        assertThat(Plan.get(np.inputs(), "nodeConfig.guestAccelerators")).as("no GPUs").isNull();
        assertThat(Plan.get(np.inputs(), "nodeConfig.taints")).as("no taints").isEqualTo(List.of());
        assertThat(map(np, "nodeConfig.labels")).as("no GPU labels").doesNotContainKey("nvidia.com/gpu.present");
        assertThat(Plan.get(np.inputs(), "autoscaling.locationPolicy")).as("CPU pools balance").isEqualTo("BALANCED");
        assertThat(Plan.get(np.inputs(), "upgradeSettings.maxSurge")).as("surge").isEqualTo(1L);
        assertThat(Plan.get(np.inputs(), "nodeConfig.workloadMetadataConfig.mode")).as("workload identity on nodes").isEqualTo("GKE_METADATA");
        assertThat(Plan.get(np.inputs(), "nodeConfig.serviceAccount")).as("node service account")
                .isEqualTo("nodes@p-123456.iam.gserviceaccount.com");
    }

    @Test
    void gpuPool_whenGpuTaintOff_hasOnlyItsOwnTaints() {
        var spec = new NodePoolSpec("gpu", "l4", 1, null, 0, 2, null, null, null, null, null,
                List.of(new Taint("dedicated", "ml", "NoExecute")), false, null);
        PlannedResource np = planned(spec, ONE_ZONE);

        assertThat(Plan.get(np.inputs(), "nodeConfig.taints")).as("taints")
                .isEqualTo(List.of(Map.of("key", "dedicated", "value", "ml", "effect", "NO_EXECUTE")));
    }

    @Test
    void perZone_whenDesiredSpreadOverZones_roundsUp() {
        assertThat(GkeNodePool.perZone(3, 2)).as("3 over 2 zones").isEqualTo(2);
        assertThat(GkeNodePool.perZone(0, 3)).as("0 over 3 zones").isZero();
        assertThat(GkeNodePool.perZone(4, 1)).as("4 in 1 zone").isEqualTo(4);
    }
}
