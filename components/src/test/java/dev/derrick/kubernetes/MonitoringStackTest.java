package dev.derrick.kubernetes;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import dev.derrick.config.ContainerSize;
import dev.derrick.config.MonitoringResources;
import dev.derrick.config.MonitoringSpec;
import dev.derrick.plan.Plan;
import dev.derrick.plan.PlanEngine;
import dev.derrick.plan.PlannedResource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** MonitoringStack through the SDK's mock engine: named assertions on what it registers. */
class MonitoringStackTest {
    private static final String CANARY = "CANARY-grafana-5d1e";
    private static final MonitoringSpec SPEC = new MonitoringSpec(true, "3d",
            new MonitoringResources(new ContainerSize("200m", "1Gi"), new ContainerSize("50m", "128Mi")), 30, 80, 90, 10);
    private static final List<GpuPool> POOLS = List.of(new GpuPool("h100", 8), new GpuPool("l4", 4));

    private static Plan plan(List<GpuPool> pools, boolean withPassword) {
        return PlanEngine.run("derrick", "test", Map.of(), Set.of(), ctx -> new MonitoringStack("train-monitoring",
                new MonitoringStackArgs(Output.of("{\"kind\":\"Config\"}"), SPEC, pools, withPassword ? Output.ofSecret(CANARY) : null, List.of()),
                ComponentResourceOptions.builder().build()));
    }

    private static PlannedResource named(Plan plan, String type, String name) {
        return plan.named(type, name).orElseThrow(() -> new AssertionError("no " + type + " " + name + " in " + plan.resources().stream().map(PlannedResource::name).toList()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @Test
    void constructor_whenGpuPools_registersEveryRoleUnderTheComponent() {
        Plan plan = plan(POOLS, true);
        var component = named(plan, MonitoringStack.TYPE, "train-monitoring");

        assertThat(plan.childrenOf(component.urn())).extracting(PlannedResource::name).containsExactlyInAnyOrder(
                "train-monitoring-provider", "train-monitoring-namespace", "train-monitoring-grafana-admin",
                "train-monitoring-kube-prometheus-stack", "train-monitoring-dcgm-counters", "train-monitoring-dcgm-exporter",
                "train-monitoring-dashboard-gpu-pools", "train-monitoring-dashboard-gpu-nodes",
                "train-monitoring-rules-gpu-thresholds", "train-monitoring-rules-gpu-alerts");
        String provider = named(plan, "pulumi:providers:kubernetes", "train-monitoring-provider").urn();
        assertThat(plan.childrenOf(component.urn()).stream().filter(r -> !r.type().startsWith("pulumi:providers:")))
                .as("every in-cluster object goes through the cluster's provider").allSatisfy(r -> assertThat(r.provider()).isEqualTo(provider));
    }

    @Test
    void constructor_whenNoGpuPools_installsOnlyTheStack() {
        Plan plan = plan(List.of(), true);

        assertThat(plan.resources()).extracting(PlannedResource::name).doesNotContain(
                "train-monitoring-dcgm-exporter", "train-monitoring-rules-gpu-alerts", "train-monitoring-dashboard-gpu-pools")
                .contains("train-monitoring-kube-prometheus-stack");
    }

    @Test
    void kubePrometheusStack_whenPlanned_isPinnedWithRetentionSizesAndGrafanaSecretFromConfig() {
        var release = named(plan(POOLS, true), "kubernetes:helm.sh/v3:Release", "train-monitoring-kube-prometheus-stack");
        var values = release.inputs().get("values");

        assertThat(release.inputs()).containsEntry("chart", "kube-prometheus-stack").containsEntry("version", "81.5.0")
                .containsEntry("namespace", "monitoring");
        assertThat(Plan.get(release.inputs(), "repositoryOpts.repo")).isEqualTo("https://prometheus-community.github.io/helm-charts");
        assertThat(Plan.get(map(values), "prometheus.prometheusSpec.retention")).isEqualTo("3d");
        assertThat(Plan.get(map(values), "prometheus.prometheusSpec.resources"))
                .isEqualTo(Map.of("requests", Map.of("cpu", "200m", "memory", "1Gi"), "limits", Map.of("memory", "1Gi")));
        assertThat(Plan.get(map(values), "grafana.resources"))
                .isEqualTo(Map.of("requests", Map.of("cpu", "50m", "memory", "128Mi"), "limits", Map.of("memory", "128Mi")));
        assertThat(Plan.get(map(values), "grafana.admin"))
                .isEqualTo(Map.of("existingSecret", "grafana-admin", "userKey", "admin-user", "passwordKey", "admin-password"));
        assertThat(Plan.get(map(values), "grafana.adminPassword")).as("no password in Helm values").isNull();
        assertThat(Plan.get(map(values), "prometheus.prometheusSpec.ruleSelectorNilUsesHelmValues")).isEqualTo(false);
        assertThat(Plan.get(map(values), "prometheus.prometheusSpec.serviceMonitorSelectorNilUsesHelmValues")).isEqualTo(false);
        assertThat(map(values).get("kube-state-metrics")).isEqualTo(Map.of("metricLabelsAllowlist", List.of("nodes=[derrick.dev/pool]")));
    }

    @Test
    void grafanaAdminSecret_whenPasswordConfigured_isSecretAndNeverInThePlan() {
        Plan plan = plan(POOLS, true);
        var secret = named(plan, "kubernetes:core/v1:Secret", "train-monitoring-grafana-admin");

        assertThat(secret.inputs()).containsEntry("stringData", PlannedResource.SECRET).containsEntry("type", "Opaque");
        assertThat(Plan.get(secret.inputs(), "metadata.name")).isEqualTo("grafana-admin");
        assertThat(plan.resources()).as("every registration").allSatisfy(r -> assertThat(r.toString()).doesNotContain(CANARY));
    }

    @Test
    void grafanaAdminSecret_whenNoPasswordConfigured_isGeneratedAsASecret() {
        var secret = named(plan(POOLS, false), "kubernetes:core/v1:Secret", "train-monitoring-grafana-admin");

        assertThat(secret.inputs()).containsEntry("stringData", PlannedResource.SECRET);
    }

    @Test
    void dcgmExporter_whenPlanned_isPinnedBelow4_9WithCountersAndScrapeLabels() {
        Plan plan = plan(POOLS, true);
        var release = named(plan, "kubernetes:helm.sh/v3:Release", "train-monitoring-dcgm-exporter");
        var values = map(release.inputs().get("values"));

        assertThat(release.inputs()).containsEntry("chart", "dcgm-exporter").containsEntry("version", "4.8.2");
        assertThat(Plan.get(release.inputs(), "repositoryOpts.repo")).isEqualTo("https://nvidia.github.io/dcgm-exporter/helm-charts");
        assertThat(Plan.get(values, "serviceMonitor.relabelings")).isEqualTo(List.of(
                Map.of("action", "replace", "sourceLabels", List.of("__meta_kubernetes_pod_node_name"), "targetLabel", "kubernetes_node"),
                Map.of("action", "replace", "targetLabel", "job", "replacement", "dcgm-exporter")));
        // With the GPU operator (the default runtime here): its deploy label, which the MIG manager flips to pause the exporter.
        assertThat(values.get("nodeSelector")).isEqualTo(Map.of("nvidia.com/gpu.present", "true", "nvidia.com/gpu.deploy.dcgm-exporter", "true"));
        assertThat(values.get("tolerations")).isEqualTo(List.of(Map.of("operator", "Exists")));
        assertThat(values.get("arguments")).isEqualTo(List.of("-f", "/etc/dcgm-exporter/default-counters.csv"));
        assertThat(Plan.get(values, "extraConfigMapVolumes.0.configMap.name")).isEqualTo("dcgm-exporter-counters");
        var counters = named(plan, "kubernetes:core/v1:ConfigMap", "train-monitoring-dcgm-counters");
        assertThat((String) map(counters.inputs().get("data")).get("counters.csv"))
                .containsPattern("(?m)^DCGM_FI_DEV_ECC_DBE_VOL_TOTAL,")
                .containsPattern("(?m)^DCGM_FI_DEV_XID_ERRORS,").containsPattern("(?m)^DCGM_FI_DEV_POWER_USAGE,");
        assertThat(release.dependencies()).as("after the stack (ServiceMonitor CRD) and the counters")
                .contains(named(plan, "kubernetes:helm.sh/v3:Release", "train-monitoring-kube-prometheus-stack").urn(), counters.urn());
    }

    @Test
    void kubePrometheusStackValues_keepPrometheusOnAClaimWatchOnpremControlPlanesAndUseDerricksAlertmanagerSecret() {
        var managed = MonitoringStack.kubePrometheusStackValues(MonitoringSpec.defaults());
        assertThat(Plan.get(managed, "prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec.resources.requests.storage")).isEqualTo("50Gi");
        assertThat(Plan.get(managed, "prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec.storageClassName")).isNull();
        assertThat(Plan.get(managed, "kubeControllerManager.enabled")).isEqualTo(false);
        assertThat(managed).doesNotContainKey("alertmanager");

        var onprem = MonitoringStack.kubePrometheusStackValues(MonitoringSpec.defaults(), "fast-ssd", true, true);
        assertThat(Plan.get(onprem, "prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec.storageClassName")).isEqualTo("fast-ssd");
        assertThat(Plan.get(onprem, "kubeControllerManager.enabled")).isEqualTo(true);
        assertThat(Plan.get(onprem, "kubeEtcd.enabled")).isEqualTo(true);
        assertThat(Plan.get(onprem, "alertmanager.alertmanagerSpec.configSecret")).isEqualTo(MonitoringStack.ALERTMANAGER_CONFIG_SECRET);
        assertThat(Plan.get(onprem, "alertmanager.alertmanagerSpec.useExistingSecret")).isEqualTo(true);

        var off = new MonitoringSpec(null, null, null, null, null, null, null, new dev.derrick.config.MonitoringStorage(false, null));
        assertThat(Plan.get(MonitoringStack.kubePrometheusStackValues(off), "prometheus.prometheusSpec.storageSpec")).isNull();
    }

    @Test
    void dcgmExporterValues_followTheGpuRuntimeOfTheNodes() {
        var gke = MonitoringStack.dcgmExporterValues(GpuRuntime.GKE);
        assertThat(gke).containsEntry("priorityClassName", "").containsEntry("nodeSelector", Map.of("nvidia.com/gpu.present", "true"));
        assertThat(Plan.get(gke, "extraHostVolumes.0.hostPath")).isEqualTo("/home/kubernetes/bin/nvidia");
        assertThat(gke.get("extraEnv").toString()).contains("LD_LIBRARY_PATH").contains("/usr/local/nvidia/lib64");
        assertThat(MonitoringStack.dcgmExporterValues(GpuRuntime.OPERATOR)).containsEntry("runtimeClassName", "nvidia");
        assertThat(MonitoringStack.dcgmExporterValues(GpuRuntime.NODE_IMAGE)).doesNotContainKey("runtimeClassName");
        assertThat(MonitoringStack.dcgmExporterValues(GpuRuntime.AKS_NODE_IMAGE)).doesNotContainKey("runtimeClassName");
    }

    @Test
    void prometheusRules_whenPlanned_carryTheThresholdsAndPoolsFromConfig() {
        Plan plan = plan(POOLS, true);
        var thresholds = named(plan, "kubernetes:monitoring.coreos.com/v1:PrometheusRule", "train-monitoring-rules-gpu-thresholds");
        var alerts = named(plan, "kubernetes:monitoring.coreos.com/v1:PrometheusRule", "train-monitoring-rules-gpu-alerts");

        assertThat(Plan.get(thresholds.inputs(), "spec.groups.0.rules.0")).isEqualTo(Map.of("record", "derrick:gpu_temperature_threshold_celsius", "expr", "vector(80)"));
        assertThat(Plan.get(thresholds.inputs(), "spec.groups.0.rules.1")).isEqualTo(Map.of("record", "derrick:gpu_memory_used_threshold_percent", "expr", "vector(90)"));
        assertThat(Plan.get(thresholds.inputs(), "spec.groups.0.rules.2")).isEqualTo(Map.of("record", "derrick:gpu_idle_utilization_threshold_percent", "expr", "vector(10)"));
        assertThat(Plan.get(thresholds.inputs(), "spec.groups.1.rules")).isEqualTo(List.of(
                Map.of("record", "derrick:pool_gpus_per_node_declared", "labels", Map.of("pool", "h100"), "expr", "vector(8)"),
                Map.of("record", "derrick:pool_gpus_per_node_declared", "labels", Map.of("pool", "l4"), "expr", "vector(4)")));
        @SuppressWarnings("unchecked")
        var groups = (List<Map<String, Object>>) Plan.get(alerts.inputs(), "spec.groups");
        var idle = groups.stream().flatMap(g -> ((List<Map<String, Object>>) g.get("rules")).stream())
                .filter(r -> "GpuIdle".equals(r.get("alert"))).toList();
        assertThat(idle).hasSize(1);
        assertThat(idle.get(0)).containsEntry("for", "30m");
        assertThat(Plan.get(alerts.inputs(), "metadata.namespace")).isEqualTo("monitoring");
        String stack = named(plan, "kubernetes:helm.sh/v3:Release", "train-monitoring-kube-prometheus-stack").urn();
        assertThat(thresholds.dependencies()).as("after the stack (PrometheusRule CRD)").contains(stack);
        assertThat(alerts.dependencies()).contains(stack);
    }

    @Test
    void dashboards_whenPlanned_areConfigMapsTheGrafanaSidecarPicksUp() {
        Plan plan = plan(POOLS, true);

        for (String id : GpuDashboards.IDS) {
            var cm = named(plan, "kubernetes:core/v1:ConfigMap", "train-monitoring-dashboard-" + id);
            assertThat(Plan.get(cm.inputs(), "metadata.labels")).isEqualTo(Map.of("grafana_dashboard", "1"));
            assertThat(map(cm.inputs().get("data"))).containsOnlyKeys(id + ".json");
        }
    }

    @Test
    void namespace_whenPlanned_isPrivilegedForTheNodeExporters() {
        var ns = named(plan(POOLS, true), "kubernetes:core/v1:Namespace", "train-monitoring-namespace");

        assertThat(Plan.get(ns.inputs(), "metadata.name")).isEqualTo("monitoring");
        assertThat(map(Plan.get(ns.inputs(), "metadata.labels"))).containsEntry("pod-security.kubernetes.io/enforce", "privileged");
    }

    @Test
    void provider_whenPlanned_getsTheKubeconfigAsASecret() {
        var provider = named(plan(POOLS, true), "pulumi:providers:kubernetes", "train-monitoring-provider");

        assertThat(provider.inputs()).containsEntry("kubeconfig", PlannedResource.SECRET);
    }
}
