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
    void serving_whenPlanned_isKServeWithTheGpuRuntimeOnTheServePool() {
        Map<String, Object> controller = resource("kubernetes:helm.sh/v3:Release", "ml-serving-controller").inputs();
        assertThat(Plan.get(controller, "values.kserve.controller.deploymentMode")).isEqualTo("RawDeployment");
        Map<String, Object> runtime = resource("kubernetes:serving.kserve.io/v1alpha1:ClusterServingRuntime", "ml-serving-runtime").inputs();
        assertThat(Plan.get(runtime, "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms.0.matchExpressions.0.values"))
                .isEqualTo(List.of("serve"));
        assertThat(Plan.get(runtime, "spec.tolerations.0.key")).isEqualTo("nvidia.com/gpu");
    }

    @Test
    void modelStore_whenPlanned_isReadByTheServingServiceAccountWithPodIdentity() {
        Map<String, Object> association = resource("aws:eks/podIdentityAssociation:PodIdentityAssociation",
                "ml-serving-identity-serving-association").inputs();
        assertThat(association).containsEntry("namespace", "serving").containsEntry("serviceAccount", "derrick-models");
        assertThat(Plan.get(resource("aws:s3/bucketVersioningV2:BucketVersioningV2", "models-versioning").inputs(),
                "versioningConfiguration.status")).isEqualTo("Enabled");
    }

    @Test
    void tracking_whenPlanned_writesTheModelStoreWithPodIdentityAndIsNotExposed() {
        Map<String, Object> association = resource("aws:eks/podIdentityAssociation:PodIdentityAssociation",
                "ml-tracking-identity-association").inputs();
        assertThat(association).containsEntry("namespace", "mlflow").containsEntry("serviceAccount", "mlflow");
        assertThat(Plan.get(resource("kubernetes:core/v1:Service", "ml-tracking-service").inputs(), "spec.type")).isEqualTo("ClusterIP");
    }

    @Test
    void teamQuota_whenPlanned_queuesTheProjectsJobsOnTheTrainingPool() {
        Map<String, Object> queue = resource("kubernetes:kueue.x-k8s.io/v1beta2:ClusterQueue", "ml-kueue-queue-" + config.clusters().get(0)
                .kueue().teams().get(0).name()).inputs();
        assertThat(Plan.get(queue, "spec.resourceGroups.1.flavors.0.name")).isEqualTo("train");
        assertThat(Plan.get(queue, "spec.resourceGroups.1.flavors.0.resources.0.nominalQuota")).isEqualTo(16L);
    }

    @Test
    void policies_whenEvaluated_noMandatoryPolicyFails() {
        var report = PolicyPack.evaluate(config, Catalog.bundled(), plan, PolicyPack.today());
        assertThat(report.failures()).as("failed policies").isEmpty();
    }
}
