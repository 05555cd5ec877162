package myproject;

import dev.derrick.catalog.Catalog;
import dev.derrick.config.RawConfig;
import dev.derrick.config.StackConfig;
import dev.derrick.config.StackConfigLoader;
import dev.derrick.config.StackFiles;
import dev.derrick.plan.Plan;
import dev.derrick.plan.PlanEngine;
import dev.derrick.policy.PolicyPack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plans this project's dev stack offline (the Pulumi SDK's mock engine in preview mode: no cloud
 * account, no Pulumi CLI) with the same program {@code pulumi up} runs, and checks what matters.
 */
class StackTest {
    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static StackConfig config;
    private static Plan plan;

    @BeforeAll
    static void planTheDevStack() {
        RawConfig raw = StackFiles.load(PROJECT, "dev");
        config = StackConfigLoader.load(raw);
        plan = PlanEngine.run(StackFiles.project(PROJECT).name(), "dev", raw.asPulumiConfig(), raw.secretKeys(),
                dev.derrick.cli.Program::stack);
    }

    @Test
    void gpuNodes_whenPlanned_areTheLabsA100Nodes() {
        assertThat(config.clusters()).singleElement().satisfies(c -> {
            assertThat(c.nodePools()).singleElement().satisfies(p -> {
                assertThat(p.accelerator()).isEqualTo("a100-80gb");
                assertThat(p.min()).isEqualTo(2);
            });
        });
        // Derrick labels and taints each existing GPU node through a server-side apply patch.
        assertThat(plan.ofType("kubernetes:core/v1:NodePatch")).hasSize(2).allSatisfy(patch ->
                assertThat(Plan.get(patch.inputs(), "spec.taints.0.key")).isEqualTo("nvidia.com/gpu"));
        assertThat(plan.named("derrick:kubernetes:GpuOperator", "lab-gpu-operator")).isPresent();
    }

    @Test
    void policies_whenEvaluated_noMandatoryPolicyFails() {
        var report = PolicyPack.evaluate(config, Catalog.bundled(), plan, PolicyPack.today());
        assertThat(report.failures()).as("failed policies").isEmpty();
    }
}
