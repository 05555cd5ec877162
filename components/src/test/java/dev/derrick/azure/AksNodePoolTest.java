package dev.derrick.azure;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import dev.derrick.catalog.Catalog;
import dev.derrick.config.CapacityType;
import dev.derrick.config.NodePoolSpec;
import dev.derrick.plan.Plan;
import dev.derrick.plan.PlannedResource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.derrick.plan.ComponentPlans.map;
import static dev.derrick.plan.ComponentPlans.plan;
import static dev.derrick.plan.ComponentPlans.resource;
import static org.assertj.core.api.Assertions.assertThat;

/** AksNodePool's inputs, planned offline. */
class AksNodePoolTest {
    private static PlannedResource planned(NodePoolSpec spec, List<String> zones) {
        var type = Catalog.bundled().pick("azure", spec.accelerator(), spec.gpusPerNode(), spec.machineType()).orElse(null);
        Plan plan = plan(ctx -> new AksNodePool("train-" + spec.name(), spec, type, Output.of("rg-train"), Output.of("prod-train"), zones,
                Map.of("team", "ml"), ComponentResourceOptions.Empty));
        return resource(plan, "azure-native:containerservice:AgentPool", "train-" + spec.name());
    }

    private static NodePoolSpec gpu(CapacityType capacity) {
        return new NodePoolSpec("h100", "h100-80gb", 8, null, 0, 4, null, capacity, null, 500, null, null, null, null);
    }

    @Test
    void gpuPool_whenSpot_isSpotWithDeleteEvictionUncappedPriceAndBothTaints() {
        PlannedResource ap = planned(gpu(CapacityType.SPOT), List.of("1"));

        assertThat(ap.inputs()).as("agent pool")
                .containsEntry("vmSize", "Standard_ND96isr_H100_v5").containsEntry("agentPoolName", "h100").containsEntry("mode", "User")
                .containsEntry("scaleSetPriority", "Spot").containsEntry("scaleSetEvictionPolicy", "Delete").containsEntry("spotMaxPrice", -1L)
                .containsEntry("enableAutoScaling", true).containsEntry("minCount", 0L).containsEntry("maxCount", 4L).containsEntry("count", 0L)
                .containsEntry("availabilityZones", List.of("1")).containsEntry("osDiskSizeGB", 500L)
                .containsEntry("resourceGroupName", "rg-train").containsEntry("resourceName", "prod-train");
        assertThat(ap.inputs().get("nodeTaints")).as("GPU taint and AKS's spot taint")
                .isEqualTo(List.of("nvidia.com/gpu=true:NoSchedule", "kubernetes.azure.com/scalesetpriority=spot:NoSchedule"));
        assertThat(map(ap, "nodeLabels")).as("node labels as on AWS")
                .containsEntry("derrick.dev/accelerator", "h100-80gb").containsEntry("derrick.dev/gpu-count", "8")
                .containsEntry("nvidia.com/gpu.present", "true").containsEntry("derrick.dev/capacity", "spot");
    }

    @Test
    void gpuPool_whenOnDemand_isRegularWithoutEvictionPolicy() {
        PlannedResource ap = planned(gpu(CapacityType.ON_DEMAND), List.of());

        assertThat(ap.inputs()).as("agent pool").containsEntry("scaleSetPriority", "Regular")
                .doesNotContainKey("scaleSetEvictionPolicy").doesNotContainKey("spotMaxPrice").doesNotContainKey("availabilityZones");
        assertThat(ap.inputs().get("nodeTaints")).as("GPU taint only").isEqualTo(List.of("nvidia.com/gpu=true:NoSchedule"));
    }

    @Test
    void gpuPool_whenReserved_isRegular() {
        assertThat(planned(gpu(CapacityType.RESERVED), List.of()).inputs()).as("reserved is billing").containsEntry("scaleSetPriority", "Regular");
    }
}
