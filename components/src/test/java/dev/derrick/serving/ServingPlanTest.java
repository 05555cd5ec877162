package dev.derrick.serving;

import dev.derrick.config.TestStacks;
import dev.derrick.kueue.KueueFlavorsPlanTest;
import dev.derrick.plan.Plan;
import dev.derrick.plan.PlannedResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Serving as the real program plans it: the install order (cert-manager and the CRDs before the controller, runtime
 * and storage container after it), and the GPU runtime against what each cloud's GPU pool really renders on its nodes.
 */
class ServingPlanTest {
    private static final String RELEASE = "kubernetes:helm.sh/v3:Release";
    private static final String RUNTIME = "kubernetes:serving.kserve.io/v1alpha1:ClusterServingRuntime";

    @TempDir
    Path dir;

    private static String stack(String target, String region, String zone, String systemType, String accelerator, String capacity) {
        return TestStacks.oneGpuCluster(target, region, zone, systemType,
                "accelerator: %s, gpusPerNode: 1, capacity: %s, min: 0, max: 2%s".formatted(accelerator, capacity,
                        target.equals("aws") ? ", provisioner: node-group" : ""),
                "      serving: {modelStore: models, namespaces: [serving, llm]}\n",
                "  derrick:objectStores:\n    - name: models\n");
    }

    private Plan plan(String yaml) {
        return TestStacks.plan(dir, yaml);
    }

    @ParameterizedTest(name = "{0} {5}")
    @CsvSource(delimiter = '|', value = {
            "aws|us-east-1|us-east-1a|m6i.xlarge|l4|on-demand|nvidia.com/gpu=true:NoSchedule",
            "gcp|us-central1|us-central1-a|n2-standard-8|l4|on-demand|nvidia.com/gpu=present:NoSchedule",
            "azure|eastus|1|Standard_D8s_v5|t4|spot|nvidia.com/gpu=true:NoSchedule;kubernetes.azure.com/scalesetpriority=spot:NoSchedule",
    })
    void gpuRuntime_onEachCloud_selectsTheGpuPoolAndToleratesExactlyItsRenderedTaints(String target, String region, String zone, String systemType,
                                                                                   String accelerator, String capacity, String taints) {
        Plan plan = plan(stack(target, region, zone, systemType, accelerator, capacity));
        PlannedResource runtime = plan.named(RUNTIME, "train-serving-runtime").orElseThrow();
        Map<String, Object> nodes = KueueFlavorsPlanTest.rendered(plan);

        assertThat(Plan.get(runtime.inputs(), "metadata.name")).isEqualTo(GpuServingRuntime.NAME);
        var term = Plan.get(runtime.inputs(), "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms.0.matchExpressions.0");
        assertThat(term).isEqualTo(Map.of("key", "derrick.dev/pool", "operator", "In", "values", List.of("gpu")));
        assertThat(((Map<?, ?>) nodes.get("labels")).get("derrick.dev/pool")).as("the pool's nodes carry the selected label").isEqualTo("gpu");
        var tolerated = new ArrayList<String>();
        for (Object t : (List<?>) Plan.get(runtime.inputs(), "spec.tolerations")) {
            var m = (Map<?, ?>) t;
            tolerated.add(m.get("key") + "=" + m.get("value") + ":" + m.get("effect"));
        }
        assertThat(tolerated).as("tolerations = the pool's rendered taints").containsExactlyInAnyOrderElementsOf(
                ((List<?>) nodes.get("taints")).stream().map(Object::toString).toList());
        assertThat(tolerated).containsExactlyInAnyOrder(taints.split(";"));
        assertThat(Plan.get(runtime.inputs(), "spec.containers.0.resources.limits")).asString().contains("nvidia.com/gpu=1");
        assertIdentityWired(plan, target, runtime);
    }

    /** Each serving namespace's ServiceAccount is bound to the model store with the cloud's workload identity. */
    private static void assertIdentityWired(Plan plan, String target, PlannedResource runtime) {
        for (String ns : List.of("serving", "llm")) {
            PlannedResource sa = plan.named("kubernetes:core/v1:ServiceAccount", "train-serving-sa-" + ns).orElseThrow();
            assertThat(plan.named(dev.derrick.identity.WorkloadIdentity.TYPE, "train-serving-identity-" + ns)).as(ns).isPresent();
            switch (target) {
                case "aws" -> {
                    PlannedResource association = plan.named("aws:eks/podIdentityAssociation:PodIdentityAssociation",
                            "train-serving-identity-" + ns + "-association").orElseThrow();
                    assertThat(association.inputs()).containsEntry("namespace", ns).containsEntry("serviceAccount", Serving.SERVICE_ACCOUNT);
                    assertThat(runtime.dependencies()).contains(association.urn());
                }
                // The annotation values (the GCP service account's email, the identity's client id) exist after apply.
                case "gcp" -> assertThat(sa.inputs().get("metadata")).asString().contains(PlannedResource.UNKNOWN).contains(ns);
                case "azure" -> {
                    assertThat(sa.inputs().get("metadata")).asString().contains(PlannedResource.UNKNOWN).contains(ns);
                    assertThat(Plan.get(runtime.inputs(), "spec.labels")).isEqualTo(Map.of("azure.workload.identity/use", "true"));
                }
                default -> throw new AssertionError(target);
            }
        }
        PlannedResource storage = plan.named("kubernetes:serving.kserve.io/v1alpha1:ClusterStorageContainer", "train-serving-storage-container").orElseThrow();
        if (target.equals("aws")) {
            assertThat(Plan.get(storage.inputs(), "spec.container.env")).asString().contains("AWS_DEFAULT_REGION").contains("us-east-1");
        }
    }

    @Test
    void serving_installsInDependencyOrderWithRawDeploymentAndNoIngress() {
        Plan plan = plan(stack("aws", "us-east-1", "us-east-1a", "m6i.xlarge", "l4", "on-demand"));
        PlannedResource certManager = plan.named(RELEASE, "train-serving-cert-manager").orElseThrow();
        PlannedResource crds = plan.named(RELEASE, "train-serving-crds").orElseThrow();
        PlannedResource controller = plan.named(RELEASE, "train-serving-controller").orElseThrow();

        assertThat(controller.dependencies()).contains(crds.urn(), certManager.urn());
        assertThat(plan.named(RUNTIME, "train-serving-runtime").orElseThrow().dependencies()).contains(controller.urn());
        assertThat(plan.named("kubernetes:serving.kserve.io/v1alpha1:ClusterStorageContainer", "train-serving-storage-container").orElseThrow()
                .dependencies()).contains(controller.urn());
        assertThat(Plan.get(controller.inputs(), "values.kserve.controller.deploymentMode")).isEqualTo("RawDeployment");
        assertThat(Plan.get(controller.inputs(), "values.kserve.controller.gateway.disableIngressCreation")).isEqualTo(true);
        assertThat(Plan.get(certManager.inputs(), "values.crds.enabled")).isEqualTo(true);
        for (String ns : List.of("serving", "llm")) {
            PlannedResource sa = plan.named("kubernetes:core/v1:ServiceAccount", "train-serving-sa-" + ns).orElseThrow();
            assertThat(Plan.get(sa.inputs(), "metadata.name")).isEqualTo(Serving.SERVICE_ACCOUNT);
            assertThat(Plan.get(sa.inputs(), "metadata.namespace")).isEqualTo(ns);
            assertThat(plan.named("kubernetes:monitoring.coreos.com/v1:PodMonitor", "train-serving-models-monitor-" + ns)).isPresent();
        }
        assertThat(plan.named("kubernetes:monitoring.coreos.com/v1:ServiceMonitor", "train-serving-controller-monitor")).isPresent();
    }

    @Test
    void serving_whenOff_plansNothingOfKServe() {
        Plan plan = plan(stack("aws", "us-east-1", "us-east-1a", "m6i.xlarge", "l4", "on-demand")
                .replace("serving: {modelStore: models, namespaces: [serving, llm]}", "serving: {enabled: false}"));

        assertThat(plan.ofType(Serving.TYPE)).isEmpty();
        assertThat(plan.ofType(RUNTIME)).isEmpty();
    }
}
