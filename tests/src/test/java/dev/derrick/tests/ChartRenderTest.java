package dev.derrick.tests;

import com.fasterxml.jackson.databind.JsonNode;
import dev.derrick.cli.ProgramRunner;
import dev.derrick.config.StackFiles;
import dev.derrick.plan.Plan;
import dev.derrick.plan.PlannedResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Helm release of every shipped stack (and of configs/Pulumi.charts-extra.yaml, which covers what no shipped
 * stack has) rendered by real Helm from the vendored chart at its pinned version, with the exact values the plan
 * passes; then the rendered objects are checked where a wrong value leaves GPUs unusable or unmonitored.
 */
class ChartRenderTest {
    private static final Map<String, Plan> PLANS = new ConcurrentHashMap<>();

    static List<String> stacks() {
        var out = new ArrayList<>(StackPlansTest.stacks());
        out.add("charts-extra");
        return out;
    }

    static Plan plan(String stack) {
        return PLANS.computeIfAbsent(stack, s -> s.equals("charts-extra")
                ? ProgramRunner.run(Project.root(), StackFiles.loadFile(Project.root(), Project.resource("configs/Pulumi.charts-extra.yaml"))).plan()
                : StackPlansTest.plan(s));
    }

    static RealHelm.Rendered render(String stack, String releaseName) throws Exception {
        PlannedResource release = RealHelm.releases(plan(stack)).stream().filter(r -> r.name().equals(releaseName)).findFirst()
                .orElseThrow(() -> new AssertionError(stack + " has no release " + releaseName + ": "
                        + RealHelm.releases(plan(stack)).stream().map(PlannedResource::name).toList()));
        return RealHelm.render(release);
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void everyRelease_rendersFromTheVendoredChartWithThePlansValues(String stack) throws Exception {
        List<PlannedResource> releases = RealHelm.releases(plan(stack));
        assertThat(releases).as(stack).isNotEmpty();
        for (PlannedResource release : releases) {
            var rendered = RealHelm.render(release);
            assertThat(rendered.objects()).as("%s %s", stack, release.name()).isNotEmpty();
        }
    }

    private static JsonNode podSpec(JsonNode workload) {
        return workload.path("spec").path("template").path("spec");
    }

    private static JsonNode container(JsonNode workload, String name) {
        for (JsonNode c : podSpec(workload).path("containers")) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no container " + name + " in " + workload.path("metadata").path("name").asText());
    }

    @Test
    void cloudnativePg_runsTheReleasedOperatorWithItsCrdsAndIsScraped() throws Exception {
        var rendered = render("prod", "train-tracking-cnpg");
        JsonNode operator = rendered.ofKind("Deployment").get(0);
        assertThat(podSpec(operator).path("containers").get(0).path("image").asText()).isEqualTo("ghcr.io/cloudnative-pg/cloudnative-pg:1.30.0");
        assertThat(rendered.ofKind("CustomResourceDefinition")).extracting(o -> o.path("metadata").path("name").asText())
                .contains("clusters.postgresql.cnpg.io", "databases.postgresql.cnpg.io");
        assertThat(rendered.ofKind("PodMonitor")).as("the operator's metrics scraped by Derrick's Prometheus").hasSize(1);
    }

    @Test
    void dcgmExporterOnGke_mountsTheHostDriverAndAsksNoCriticalPriority() throws Exception {
        JsonNode ds = render("gcp-prod", "train-monitoring-dcgm-exporter").one("DaemonSet", "dcgm-exporter");
        JsonNode spec = podSpec(ds);
        assertThat(spec.path("priorityClassName").asText("")).isNotEqualTo("system-node-critical");
        assertThat(spec.path("volumes").findValuesAsText("path")).contains("/home/kubernetes/bin/nvidia");
        JsonNode exporter = container(ds, "exporter");
        assertThat(exporter.path("volumeMounts").findValuesAsText("mountPath")).contains("/usr/local/nvidia");
        assertThat(exporter.path("env").toString()).contains("LD_LIBRARY_PATH").contains("/usr/local/nvidia/lib64");
        assertThat(exporter.path("securityContext").path("privileged").asBoolean()).isTrue();
        assertThat(spec.path("nodeSelector").has("nvidia.com/gpu.deploy.dcgm-exporter"))
                .as("no GPU operator on GKE sets that label").isFalse();
    }

    @Test
    void dcgmExporterWhereTheOperatorInstallsTheDriver_runsWithTheOperatorsRuntimeClass() throws Exception {
        JsonNode spec = podSpec(render("charts-extra", "lab-monitoring-dcgm-exporter").one("DaemonSet", "dcgm-exporter"));
        assertThat(spec.path("runtimeClassName").asText()).isEqualTo("nvidia");
        // hybrid's lab cluster leaves gpuDriver at the on-prem default (operator)
        assertThat(podSpec(render("hybrid", "lab-monitoring-dcgm-exporter").one("DaemonSet", "dcgm-exporter"))
                .path("runtimeClassName").asText()).isEqualTo("nvidia");
        // preinstalled driver and toolkit: nvidia is the default runtime, nothing to select
        assertThat(podSpec(render("onprem", "lab-monitoring-dcgm-exporter").one("DaemonSet", "dcgm-exporter"))
                .path("runtimeClassName").asText("")).isEmpty();
    }

    @Test
    void dcgmExporterWithTheGpuOperator_selectsItsDeployLabelSoTheMigManagerCanPauseIt() throws Exception {
        for (String[] c : new String[][]{{"onprem", "lab"}, {"prod", "train"}, {"azure-prod", "train"}, {"charts-extra", "lab"}}) {
            JsonNode spec = podSpec(render(c[0], c[1] + "-monitoring-dcgm-exporter").one("DaemonSet", "dcgm-exporter"));
            assertThat(spec.path("nodeSelector").path("nvidia.com/gpu.deploy.dcgm-exporter").asText()).as(c[0]).isEqualTo("true");
        }
    }

    @Test
    void gpuOperatorOnAks_namesTheRuntimeClassAfterAksContainerdHandler() throws Exception {
        JsonNode policy = render("azure-prod", "train-gpu-operator-release").one("ClusterPolicy", "cluster-policy");
        assertThat(policy.path("spec").path("operator").path("runtimeClass").asText()).isEqualTo("nvidia-container-runtime");
        JsonNode onEks = render("prod", "train-gpu-operator-release").one("ClusterPolicy", "cluster-policy");
        assertThat(onEks.path("spec").path("operator").path("runtimeClass").asText()).isEqualTo("nvidia");
    }

    @Test
    void gpuOperatorWithAksSpotGpuPools_operandsAndNfdTolerateTheSpotTaint() throws Exception {
        var rendered = render("charts-extra", "spot-gpu-operator-release");
        JsonNode policy = rendered.one("ClusterPolicy", "cluster-policy");
        assertThat(policy.path("spec").path("daemonsets").path("tolerations").findValuesAsText("key"))
                .contains("kubernetes.azure.com/scalesetpriority", "nvidia.com/gpu");
        JsonNode worker = rendered.ofKind("DaemonSet").stream().filter(d -> d.path("metadata").path("name").asText().contains("worker"))
                .findFirst().orElseThrow(() -> new AssertionError("no NFD worker DaemonSet in " + rendered.names()));
        assertThat(podSpec(worker).path("tolerations").findValuesAsText("key"))
                .contains("kubernetes.azure.com/scalesetpriority", "nvidia.com/gpu", "node-role.kubernetes.io/control-plane");
    }

    @Test
    void seaweedfs_createsEveryStoresBucketOnInstallAndOnUpgrade() throws Exception {
        var rendered = render("charts-extra", "lab-object-store-release");
        JsonNode job = rendered.ofKind("Job").stream().filter(j -> j.path("metadata").path("name").asText().endsWith("bucket-hook"))
                .findFirst().orElseThrow(() -> new AssertionError("no bucket Job in " + rendered.names()));
        assertThat(job.path("metadata").path("annotations").path("helm.sh/hook").asText()).contains("post-install").contains("post-upgrade");
        assertThat(container(job, "post-install-job").toString()).contains("datasets").contains("models");
    }

    @Test
    void kubePrometheusStack_rendersPrometheusWithDerricksSelectors() throws Exception {
        var rendered = render("prod", "train-monitoring-kube-prometheus-stack");
        JsonNode prometheus = rendered.ofKind("Prometheus").get(0);
        // {} selects every ServiceMonitor and rule in the cluster (dcgm-exporter's and Derrick's)
        assertThat(prometheus.path("spec").path("serviceMonitorSelector").toString()).isEqualTo("{}");
        assertThat(prometheus.path("spec").path("ruleSelector").toString()).isEqualTo("{}");
        assertThat(rendered.ofKind("CustomResourceDefinition")).isNotEmpty();
    }

    @Test
    void karpenterOnEks_runsTheControllerOnTheSystemNodeGroupWithItsClusterAndQueue() throws Exception {
        RealHelm.Rendered release = render("prod", "train-karpenter-release");
        JsonNode deployment = release.one("Deployment", "karpenter");
        JsonNode spec = podSpec(deployment);
        assertThat(spec.path("nodeSelector").path("derrick.dev/pool").asText()).isEqualTo("system");
        assertThat(spec.path("serviceAccountName").asText()).isEqualTo("karpenter");
        release.one("ServiceAccount", "karpenter");
        JsonNode controller = container(deployment, "controller");
        var env = new java.util.HashMap<String, String>();
        controller.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
        assertThat(env).containsEntry("CLUSTER_NAME", "prod-train").containsEntry("INTERRUPTION_QUEUE", "prod-train");
        assertThat(controller.path("image").asText()).isEqualTo("public.ecr.aws/karpenter/controller:1.14.1"
                + "@sha256:723130949e4cab989461ff07d1be4cd781d63515432494641b33c235f300ae23");
        assertThat(release.ofKind("CustomResourceDefinition")).as("skipCrds: the CRDs come from the karpenter-crd release").isEmpty();
        assertThat(render("prod", "train-karpenter-crds").ofKind("CustomResourceDefinition"))
                .extracting(o -> o.path("metadata").path("name").asText())
                .contains("nodepools.karpenter.sh", "nodeclaims.karpenter.sh", "ec2nodeclasses.karpenter.k8s.aws");
    }

    @Test
    void kueue_runsTheReleasedControllerImageAndIsScraped() throws Exception {
        var rendered = render("prod", "train-kueue-release");
        JsonNode manager = rendered.one("Deployment", "kueue-controller-manager");
        // The vendored tree names a staging build; Derrick's values give the image the v0.19.2 release stamps.
        assertThat(container(manager, "manager").path("image").asText()).isEqualTo("registry.k8s.io/kueue/kueue:v0.19.2");
        assertThat(rendered.ofKind("ServiceMonitor")).as("Kueue's metrics scraped by Derrick's Prometheus").hasSize(1);
        assertThat(rendered.ofKind("CustomResourceDefinition")).extracting(c -> c.path("metadata").path("name").asText())
                .contains("clusterqueues.kueue.x-k8s.io", "localqueues.kueue.x-k8s.io", "resourceflavors.kueue.x-k8s.io");
    }

    @Test
    void kueue_managesTeamNamespacesOnlyAndOtherwiseKeepsTheChartsConfiguration() throws Exception {
        var rendered = render("prod", "train-kueue-release");
        var yaml = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
        JsonNode config = yaml.readTree(rendered.one("ConfigMap", "kueue-manager-config").path("data").path("controller_manager_config.yaml").asText());
        // The same release rendered without Derrick's manager configuration: the chart's own.
        PlannedResource release = rendered.release();
        @SuppressWarnings("unchecked")
        var values = new java.util.LinkedHashMap<String, Object>((Map<String, Object>) release.inputs().get("values"));
        values.remove("managerConfig");
        var plain = RealHelm.render(RealHelm.withValues(release, values));
        JsonNode chartDefault = yaml.readTree(plain.one("ConfigMap", "kueue-manager-config").path("data").path("controller_manager_config.yaml").asText());
        var withoutSelector = ((com.fasterxml.jackson.databind.node.ObjectNode) config.deepCopy());
        withoutSelector.remove("managedJobsNamespaceSelector");
        assertThat(withoutSelector).as("the chart's own configuration, unchanged").isEqualTo(chartDefault);
        String teamSelector = "{\"matchExpressions\":[{\"key\":\"derrick.dev/kueue-team\",\"operator\":\"Exists\"}]}";
        assertThat(config.path("managedJobsNamespaceSelector").toString()).isEqualTo(teamSelector);
        JsonNode podWebhook = null;
        for (JsonNode w : rendered.one("MutatingWebhookConfiguration", "kueue-mutating-webhook-configuration").path("webhooks")) {
            if (w.path("name").asText().equals("mpod.kb.io")) {
                podWebhook = w;
            }
        }
        assertThat(podWebhook).as("Kueue's pod webhook").isNotNull();
        assertThat(podWebhook.path("failurePolicy").asText()).isEqualTo("Fail");
        assertThat(podWebhook.path("namespaceSelector").toString()).as("fails closed only in team namespaces").isEqualTo(teamSelector);
    }

    @Test
    void jobsetAndKuberay_runTheirReleasedImages() throws Exception {
        JsonNode jobset = render("prod", "train-kueue-jobset").ofKind("Deployment").get(0);
        assertThat(podSpec(jobset).path("containers").findValuesAsText("image")).contains("registry.k8s.io/jobset/jobset:v0.12.0");
        JsonNode kuberay = render("prod", "train-kueue-kuberay").ofKind("Deployment").get(0);
        assertThat(podSpec(kuberay).path("containers").findValuesAsText("image")).contains("quay.io/kuberay/operator:v1.7.0");
    }

    @Test
    void kubeflowTrainer_runsItsReleasedControllerAloneAndDerricksRuntimeIsTheChartsOwn() throws Exception {
        var rendered = render("prod", "train-kueue-trainer");
        JsonNode manager = rendered.one("Deployment", "kubeflow-trainer-controller-manager");
        assertThat(podSpec(manager).path("containers").findValuesAsText("image")).containsExactly("ghcr.io/kubeflow/trainer/trainer-controller-manager:v2.3.0");
        assertThat(rendered.ofKind("Deployment")).as("no second JobSet controller from the chart's dependency, no LeaderWorkerSet").hasSize(1);
        assertThat(rendered.ofKind("CustomResourceDefinition")).extracting(c -> c.path("metadata").path("name").asText())
                .containsExactlyInAnyOrder("trainjobs.trainer.kubeflow.org", "trainingruntimes.trainer.kubeflow.org",
                        "clustertrainingruntimes.trainer.kubeflow.org");
        assertThat(rendered.ofKind("Job")).as("no runtime-installer hook Job").isEmpty();
        // The chart's own torch-distributed runtime (what its installer hook would apply) against the one Derrick creates.
        @SuppressWarnings("unchecked")
        var values = new java.util.LinkedHashMap<String, Object>((Map<String, Object>) rendered.release().inputs().get("values"));
        values.put("runtimes", Map.of("torchDistributed", Map.of("enabled", true)));
        JsonNode installer = RealHelm.render(RealHelm.withValues(rendered.release(), values)).ofKind("ConfigMap").stream()
                .filter(c -> c.path("data").has("runtimes.yaml")).findFirst().orElseThrow();
        JsonNode chartRuntime = RealHelm.parse(installer.path("data").path("runtimes.yaml").asText()).stream()
                .filter(o -> o.path("metadata").path("name").asText().equals("torch-distributed")).findFirst().orElseThrow();
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        Object derricks = plan("prod").named("kubernetes:trainer.kubeflow.org/v1alpha1:ClusterTrainingRuntime", "train-kueue-runtime-torch-distributed")
                .orElseThrow().inputs().get("spec");
        assertThat(json.readTree(json.writeValueAsString(derricks))).isEqualTo(json.readTree(json.writeValueAsString(chartRuntime.path("spec"))));
        assertThat(chartRuntime.path("metadata").path("labels").path("trainer.kubeflow.org/framework").asText()).isEqualTo("torch");
        // TrainJobs queue: Kueue's configuration, as Derrick's release renders it, manages them (and the JobSets they run as).
        var yaml = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
        JsonNode kueueConfig = yaml.readTree(render("prod", "train-kueue-release").one("ConfigMap", "kueue-manager-config")
                .path("data").path("controller_manager_config.yaml").asText());
        var frameworks = new java.util.ArrayList<String>();
        kueueConfig.path("integrations").path("frameworks").forEach(f -> frameworks.add(f.asText()));
        assertThat(frameworks).contains("trainer.kubeflow.org/trainjob", "jobset.x-k8s.io/jobset");
    }

    @Test
    void efaDevicePluginOnEks_toleratesTheGpuTaintAndRunsOnTheEfaPoolsType() throws Exception {
        RealHelm.Rendered release = render("prod", "train-efa-device-plugin");
        JsonNode spec = podSpec(release.ofKind("DaemonSet").get(0));
        var tolerations = new ArrayList<String>();
        spec.path("tolerations").forEach(t -> tolerations.add(t.path("key").asText() + ":" + t.path("effect").asText()));
        assertThat(tolerations).as("GPU nodes carry nvidia.com/gpu:NoSchedule").contains("nvidia.com/gpu:NoSchedule");
        var types = new ArrayList<String>();
        spec.path("affinity").path("nodeAffinity").path("requiredDuringSchedulingIgnoredDuringExecution").path("nodeSelectorTerms")
                .forEach(term -> term.path("matchExpressions").forEach(e -> {
                    if (e.path("key").asText().equals("node.kubernetes.io/instance-type")) {
                        e.path("values").forEach(v -> types.add(v.asText()));
                    }
                }));
        assertThat(types).as("the prod EFA pool's p5.48xlarge").contains("p5.48xlarge");
    }

    @Test
    void kserve_runsRawDeploymentWithoutIngressAndItsWebhookCertificateFromCertManager() throws Exception {
        var yaml = new com.fasterxml.jackson.databind.ObjectMapper();
        var controller = render("prod", "train-serving-controller");
        JsonNode config = controller.one("ConfigMap", "inferenceservice-config").path("data");
        assertThat(yaml.readTree(config.path("deploy").asText()).path("defaultDeploymentMode").asText()).isEqualTo("RawDeployment");
        assertThat(yaml.readTree(config.path("ingress").asText()).path("disableIngressCreation").asBoolean()).isTrue();
        assertThat(container(controller.one("Deployment", "kserve-controller-manager"), "manager").path("image").asText())
                .isEqualTo("kserve/kserve-controller:v0.20.0");
        // The webhook certificate comes from cert-manager (the Issuer and Certificate of the chart's shared objects) ...
        assertThat(controller.ofKind("Certificate")).singleElement().satisfies(c -> assertThat(c.path("spec").path("issuerRef").path("name").asText())
                .isEqualTo("selfsigned-issuer"));
        controller.one("Issuer", "selfsigned-issuer");
        // ... and the chart's default storage initializer is replaced by Derrick's, which carries the store's settings.
        assertThat(controller.ofKind("ClusterStorageContainer")).isEmpty();
        var certManager = render("prod", "train-serving-cert-manager");
        assertThat(certManager.ofKind("CustomResourceDefinition")).extracting(c -> c.path("metadata").path("name").asText())
                .contains("certificates.cert-manager.io", "issuers.cert-manager.io");
        assertThat(certManager.ofKind("Deployment")).allSatisfy(d -> assertThat(podSpec(d).path("containers").get(0).path("image").asText())
                .as("released images, not the tree's v0.0.0").endsWith(":v1.21.1"));
        assertThat(certManager.ofKind("ServiceMonitor")).as("cert-manager scraped by Derrick's Prometheus").hasSize(1);
        assertThat(render("prod", "train-serving-crds").ofKind("CustomResourceDefinition")).extracting(c -> c.path("metadata").path("name").asText())
                .contains("inferenceservices.serving.kserve.io", "clusterservingruntimes.serving.kserve.io", "clusterstoragecontainers.serving.kserve.io");
    }
}
