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
        // A Karpenter pool: Karpenter launches spot p5.48xlarge nodes for pending GPU pods, none while nothing waits.
        Map<String, Object> pool = resource("kubernetes:karpenter.sh/v1:NodePool", "train-karpenter-h100-nodepool").inputs();
        assertThat(Plan.get(pool, "spec.template.spec.requirements.0.values")).isEqualTo(List.of("spot"));
        assertThat(Plan.get(pool, "spec.template.spec.requirements.1.values")).isEqualTo(List.of("p5.48xlarge"));
        assertThat(Plan.get(pool, "spec.template.spec.taints.0.key")).isEqualTo("nvidia.com/gpu");
        Map<String, Object> nodeClass = resource("kubernetes:karpenter.k8s.aws/v1:EC2NodeClass", "train-karpenter-h100-nodeclass").inputs();
        assertThat(Plan.get(nodeClass, "spec.amiSelectorTerms.0.alias")).isEqualTo("al2023@latest");
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
