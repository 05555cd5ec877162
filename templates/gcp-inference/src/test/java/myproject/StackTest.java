package myproject;

import dev.derrick.catalog.Catalog;
import dev.derrick.config.RawConfig;
import dev.derrick.config.StackConfig;
import dev.derrick.config.StackConfigLoader;
import dev.derrick.config.StackFiles;
import dev.derrick.plan.Plan;
import dev.derrick.plan.PlanEngine;
import dev.derrick.plan.PlannedResource;
import dev.derrick.policy.PolicyPack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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

    private static PlannedResource resource(String type, String name) {
        return plan.named(type, name).orElseThrow(() -> new AssertionError("not planned: " + type + " " + name));
    }

    @Test
    void gpuPool_whenPlanned_isOneL4PerNodeOnSpotScalingToZero() {
        Map<String, Object> pool = resource("gcp:container/nodePool:NodePool", "serve-l4").inputs();
        assertThat(Plan.get(pool, "nodeConfig.machineType")).isEqualTo("g2-standard-4");
        assertThat(Plan.get(pool, "nodeConfig.spot")).isEqualTo(true);
        assertThat(Plan.get(pool, "nodeConfig.guestAccelerators.0.type")).isEqualTo("nvidia-l4");
        assertThat(Plan.get(pool, "autoscaling.totalMinNodeCount")).isEqualTo(0L);
    }

    @Test
    void modelBucket_whenPlanned_isVersioned() {
        assertThat(Plan.get(resource("gcp:storage/bucket:Bucket", "models").inputs(), "versioning.enabled")).isEqualTo(true);
    }

    @Test
    void servingRegistry_whenPlanned_isADockerRepository() {
        Map<String, Object> repo = resource("gcp:artifactregistry/repository:Repository", "serving").inputs();
        assertThat(repo.get("repositoryId")).isEqualTo("serving");
        assertThat(repo.get("format")).isEqualTo("DOCKER");
    }

    @Test
    void policies_whenEvaluated_noMandatoryPolicyFails() {
        var report = PolicyPack.evaluate(config, Catalog.bundled(), plan, PolicyPack.today());
        assertThat(report.failures()).as("failed policies").isEmpty();
    }
}
