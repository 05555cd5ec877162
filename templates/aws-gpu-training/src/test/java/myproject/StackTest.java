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
    void gpuPool_whenPlanned_isH100OnSpotScalingToZero() {
        Map<String, Object> pool = resource("aws:eks/nodeGroup:NodeGroup", "train-h100").inputs();
        assertThat(pool.get("instanceTypes")).isEqualTo(List.of("p5.48xlarge"));
        assertThat(pool.get("capacityType")).isEqualTo("SPOT");
        assertThat(pool.get("amiType")).isEqualTo("AL2023_x86_64_NVIDIA");
        assertThat(Plan.get(pool, "scalingConfig.minSize")).isEqualTo(0L);
        assertThat(Plan.get(pool, "taints.0.key")).isEqualTo("nvidia.com/gpu");
    }

    @Test
    void datasetBucket_whenPlanned_isVersionedAndPrivate() {
        assertThat(Plan.get(resource("aws:s3/bucketVersioningV2:BucketVersioningV2", "datasets-versioning").inputs(),
                "versioningConfiguration.status")).isEqualTo("Enabled");
        assertThat(resource("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "datasets-public-access").inputs())
                .containsEntry("blockPublicAcls", true).containsEntry("restrictPublicBuckets", true);
    }

    @Test
    void modelRegistry_whenPlanned_scansImagesOnPush() {
        Map<String, Object> repo = resource("aws:ecr/repository:Repository", "ml-models").inputs();
        assertThat(repo.get("name")).isEqualTo("ml/models");
        assertThat(Plan.get(repo, "imageScanningConfiguration.scanOnPush")).isEqualTo(true);
    }

    @Test
    void policies_whenEvaluated_noMandatoryPolicyFails() {
        var report = PolicyPack.evaluate(config, Catalog.bundled(), plan, PolicyPack.today());
        assertThat(report.failures()).as("failed policies").isEmpty();
    }
}
