package dev.derrick.gcp;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import dev.derrick.catalog.Catalog;
import dev.derrick.config.GpuSharing;
import dev.derrick.config.NodePoolSpec;
import dev.derrick.config.SharingMode;
import dev.derrick.plan.Plan;
import dev.derrick.plan.PlannedResource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.derrick.plan.ComponentPlans.map;
import static dev.derrick.plan.ComponentPlans.plan;
import static dev.derrick.plan.ComponentPlans.resource;
import static org.assertj.core.api.Assertions.assertThat;

/** GKE shares GPUs in the node pool itself: MIG partitions and time-sharing, no GPU operator labels. */
class GkeSharingTest {
    private static PlannedResource planned(String accelerator, int gpus, GpuSharing sharing) {
        var spec = new NodePoolSpec("gpu", accelerator, gpus, null, 0, 2, null, null, null, null, null, null, null, null, null, null, sharing);
        var type = Catalog.bundled().pick("gcp", accelerator, gpus, null).orElseThrow();
        Plan plan = plan(ctx -> new GkeNodePool("train-gpu", spec, type, "p-123456", "us-central1", List.of("us-central1-a"),
                Output.of("prod-train"), Output.of("nodes@p-123456.iam.gserviceaccount.com"), Map.of(), ComponentResourceOptions.Empty));
        return resource(plan, "gcp:container/nodePool:NodePool", "train-gpu");
    }

    @Test
    void gpuPool_whenMig_setsTheGpuPartitionSize() {
        PlannedResource np = planned("h100-80gb", 8, new GpuSharing(SharingMode.MIG, "1g.10gb", null));

        assertThat(Plan.get(np.inputs(), "nodeConfig.guestAccelerators.0.gpuPartitionSize")).isEqualTo("1g.10gb");
        assertThat(Plan.get(np.inputs(), "nodeConfig.guestAccelerators.0.gpuSharingConfig")).isNull();
        assertThat(map(np, "nodeConfig.labels")).doesNotContainKeys("nvidia.com/mig.config", "nvidia.com/device-plugin.config");
    }

    @Test
    void gpuPool_whenTimeSlicing_setsTimeSharingClientsPerGpu() {
        PlannedResource np = planned("l4", 4, new GpuSharing(SharingMode.TIME_SLICING, null, 4));

        assertThat(Plan.get(np.inputs(), "nodeConfig.guestAccelerators.0.gpuSharingConfig"))
                .isEqualTo(Map.of("gpuSharingStrategy", "TIME_SHARING", "maxSharedClientsPerGpu", 4L));
        assertThat(Plan.get(np.inputs(), "nodeConfig.guestAccelerators.0.gpuPartitionSize")).isNull();
    }

    @Test
    void gpuPool_whenNoSharing_setsNeither() {
        PlannedResource np = planned("l4", 4, null);

        assertThat(Plan.get(np.inputs(), "nodeConfig.guestAccelerators.0.gpuSharingConfig")).isNull();
        assertThat(Plan.get(np.inputs(), "nodeConfig.guestAccelerators.0.gpuPartitionSize")).isNull();
    }
}
