package dev.derrick.azure;

import com.pulumi.resources.ComponentResourceOptions;
import dev.derrick.config.RegistrySpec;
import dev.derrick.config.Target;
import dev.derrick.plan.Plan;
import dev.derrick.plan.PlannedResource;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.derrick.plan.ComponentPlans.plan;
import static dev.derrick.plan.ComponentPlans.resource;
import static org.assertj.core.api.Assertions.assertThat;

/** AcrRegistry's inputs, planned offline. */
class AcrRegistryTest {
    @Test
    void registry_whenPlanned_isPremiumWithAdminOffRetentionOnAndQuarantineOff() {
        var spec = new RegistrySpec("mltraining", Target.AZURE, "eastus", null, null, 21, null, true);
        Plan plan = plan(ctx -> new AcrRegistry("mltraining", spec, Map.of("team", "ml"), ComponentResourceOptions.Empty));
        PlannedResource registry = resource(plan, "azure-native:containerregistry:Registry", "mltraining");

        assertThat(registry.inputs()).as("registry").containsEntry("adminUserEnabled", false).containsEntry("location", "eastus")
                .containsEntry("tags", Map.of("team", "ml")).doesNotContainKey("registryName");
        assertThat(Plan.get(registry.inputs(), "sku.name")).as("Premium: the policies need it").isEqualTo("Premium");
        assertThat(Plan.get(registry.inputs(), "policies.retentionPolicy")).as("untagged retention")
                .isEqualTo(Map.of("status", "enabled", "days", 21L));
        assertThat(Plan.get(registry.inputs(), "policies.quarantinePolicy.status")).as("quarantine").isEqualTo("disabled");
        assertThat(registry.protect()).as("protected").isTrue();
    }
}
