package dev.derrick.kubernetes;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.ConfigMapArgs;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.core.v1.Secret;
import com.pulumi.kubernetes.core.v1.SecretArgs;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.derrick.charts.Charts;
import dev.derrick.config.ContainerSize;
import dev.derrick.config.MonitoringSpec;
import dev.derrick.kubernetes.internal.Bundled;
import dev.derrick.kubernetes.internal.KubernetesObject;
import dev.derrick.kubernetes.internal.RandomSecret;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Monitoring for one Kubernetes cluster: kube-prometheus-stack (Prometheus, Alertmanager, Grafana,
 * kube-state-metrics, node-exporter), NVIDIA dcgm-exporter on GPU nodes, Derrick's GPU dashboards
 * and GPU alert rules with the stack's thresholds. Everything lands in namespace
 * {@value #NAMESPACE} through a Kubernetes provider bound to the cluster's kubeconfig.
 *
 * <p>Children ({@code <name>-<role>}): {@code provider}, {@code namespace}, {@code grafana-admin}
 * (Secret), {@code kube-prometheus-stack} (Helm), and with GPU pools: {@code dcgm-counters}
 * (ConfigMap), {@code dcgm-exporter} (Helm), {@code dashboard-<id>} (ConfigMaps),
 * {@code rules-<file>} (PrometheusRules).
 */
public final class MonitoringStack extends ComponentResource {
    public static final String TYPE = "derrick:kubernetes:MonitoringStack";
    public static final String NAMESPACE = "monitoring";

    /** kube-prometheus-stack: pinned in {@link Charts#KUBE_PROMETHEUS_STACK}. */
    public static final String KUBE_PROMETHEUS_STACK_CHART = Charts.KUBE_PROMETHEUS_STACK.name();
    public static final String KUBE_PROMETHEUS_STACK_VERSION = Charts.KUBE_PROMETHEUS_STACK.version();
    /** dcgm-exporter: pinned in {@link Charts#DCGM_EXPORTER}. */
    public static final String DCGM_EXPORTER_CHART = Charts.DCGM_EXPORTER.name();
    public static final String DCGM_EXPORTER_VERSION = Charts.DCGM_EXPORTER.version();
    /** The node label the GPU operator sets on GPU nodes ("true") and its MIG manager sets to "paused-for-mig-change" while it repartitions. */
    public static final String DCGM_EXPORTER_DEPLOY_LABEL = "nvidia.com/gpu.deploy.dcgm-exporter";

    /** Secret the Grafana chart reads the admin credentials from ({@code grafana.admin.existingSecret}). */
    public static final String GRAFANA_ADMIN_SECRET = "grafana-admin";
    public static final String GRAFANA_ADMIN_USER = "admin";
    /** Secret with Alertmanager's configuration, when {@code derrick:alerting} names receivers. */
    public static final String ALERTMANAGER_CONFIG_SECRET = "derrick-alertmanager";
    /** ConfigMap with the dcgm-exporter counters; mounted over the exporter's default counters file. */
    public static final String DCGM_COUNTERS_CONFIGMAP = "dcgm-exporter-counters";
    static final String DCGM_COUNTERS_PATH = "/etc/dcgm-exporter/default-counters.csv";
    /** Node label every GPU node carries (set by the node-pool components); dcgm-exporter runs there. */
    public static final String GPU_NODE_LABEL = "nvidia.com/gpu.present";
    /** Node label naming a node's pool; kube-state-metrics exports it as label_derrick_dev_pool. */
    public static final String POOL_NODE_LABEL = "derrick.dev/pool";

    /** Where GKE installs the NVIDIA driver on its GPU nodes' hosts. */
    static final String GKE_NVIDIA_HOST_DIR = "/home/kubernetes/bin/nvidia";

    private static final int GENERATED_PASSWORD_LENGTH = 32;

    public final Output<String> namespace;
    /** The Grafana admin password actually used: configured or generated; secret. */
    public final Output<String> grafanaAdminPassword;

    public MonitoringStack(String name, MonitoringStackArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        MonitoringSpec spec = args.spec();

        var provider = new Provider(name + "-provider", ProviderArgs.builder()
                .kubeconfig(args.kubeconfig().asSecret())
                .build(), CustomResourceOptions.builder().parent(this).build());

        var ns = new Namespace(name + "-namespace", NamespaceArgs.builder()
                .metadata(ObjectMetaArgs.builder()
                        .name(NAMESPACE)
                        // node-exporter (host network and PID) and dcgm-exporter (SYS_ADMIN, host paths) need it.
                        .labels(Map.of("pod-security.kubernetes.io/enforce", "privileged", "app.kubernetes.io/managed-by", "derrick"))
                        .build())
                .build(), on(provider, args.clusterReady()));
        List<Resource> afterNamespace = List.of(ns);

        boolean generated = args.grafanaAdminPassword() == null;
        Output<String> password = generated ? Output.ofSecret(RandomSecret.of(GENERATED_PASSWORD_LENGTH)) : args.grafanaAdminPassword().asSecret();
        var adminSecret = new Secret(name + "-grafana-admin", SecretArgs.builder()
                .metadata(meta(GRAFANA_ADMIN_SECRET))
                .type("Opaque")
                .stringData(password.applyValue(p -> Map.of("admin-user", GRAFANA_ADMIN_USER, "admin-password", p)))
                .build(), generated
                // A generated password is made once: later runs must not replace it with a new random value.
                ? CustomResourceOptions.merge(on(provider, afterNamespace), CustomResourceOptions.builder().ignoreChanges("stringData", "data") /* the provider folds stringData into data: ignore both, else every run replaces it (found by the real-engine tier) */.build())
                : on(provider, afterNamespace));

        var stackDeps = new ArrayList<Resource>(List.of(ns, adminSecret));
        boolean receivers = args.alerting() != null;
        if (receivers) {
            // Receiver URLs and keys stay in a Secret (never in Helm values); the chart points Alertmanager at it.
            stackDeps.add(new Secret(name + "-alertmanager-config", SecretArgs.builder()
                    .metadata(meta(ALERTMANAGER_CONFIG_SECRET))
                    .type("Opaque")
                    .stringData(args.alerting().asSecret().applyValue(json -> Map.of("alertmanager.yaml",
                            dev.derrick.alerting.AlertReceivers.alertmanagerConfig(json))))
                    .build(), on(provider, afterNamespace)));
        }
        var stack = new Release(name + "-kube-prometheus-stack", ReleaseArgs.builder()
                .name("kube-prometheus-stack")
                .namespace(NAMESPACE)
                .chart(KUBE_PROMETHEUS_STACK_CHART)
                .version(KUBE_PROMETHEUS_STACK_VERSION)
                .repositoryOpts(args.charts().repositoryOpts(Charts.KUBE_PROMETHEUS_STACK))
                .timeout(900)
                .values(kubePrometheusStackValues(spec, args.storageClass(), args.selfManagedControlPlane(), receivers))
                .build(), on(provider, stackDeps));

        if (!args.gpuPools().isEmpty()) {
            var counters = new ConfigMap(name + "-dcgm-counters", ConfigMapArgs.builder()
                    .metadata(meta(DCGM_COUNTERS_CONFIGMAP))
                    .data(Map.of("counters.csv", Bundled.text("dcgm-counters.csv")))
                    .build(), on(provider, afterNamespace));
            // After the stack: its chart installs the ServiceMonitor CRD the exporter's chart uses.
            new Release(name + "-dcgm-exporter", ReleaseArgs.builder()
                    .name("dcgm-exporter")
                    .namespace(NAMESPACE)
                    .chart(DCGM_EXPORTER_CHART)
                    .version(DCGM_EXPORTER_VERSION)
                    .repositoryOpts(args.charts().repositoryOpts(Charts.DCGM_EXPORTER))
                    .values(dcgmExporterValues(args.gpuRuntime()))
                    .build(), on(provider, List.of(stack, counters)));

            for (var dashboard : GpuDashboards.all().entrySet()) {
                new ConfigMap(name + "-dashboard-" + dashboard.getKey(), ConfigMapArgs.builder()
                        .metadata(ObjectMetaArgs.builder()
                                .name("derrick-" + dashboard.getKey())
                                .namespace(NAMESPACE)
                                .labels(Map.of(GpuDashboards.SIDECAR_LABEL, GpuDashboards.SIDECAR_LABEL_VALUE))
                                .build())
                        .data(Map.of(dashboard.getKey() + ".json", dashboard.getValue()))
                        .build(), on(provider, afterNamespace));
            }

            var rendered = GpuAlertRules.render(GpuAlertRules.Params.of(spec, args.gpuPools()));
            for (var file : rendered.entrySet()) {
                String id = file.getKey().replace(".rules.yaml", "");
                // After the stack: its chart installs the PrometheusRule CRD.
                new KubernetesObject(name + "-rules-" + id, "monitoring.coreos.com/v1", "PrometheusRule",
                        ObjectMetaArgs.builder().name("derrick-" + id).namespace(NAMESPACE)
                                .labels(Map.of("app.kubernetes.io/managed-by", "derrick")).build(),
                        GpuAlertRules.prometheusRuleSpec(file.getValue()), on(provider, List.of(stack)));
            }
        }

        this.namespace = ns.metadata().applyValue(m -> m.name().orElse(NAMESPACE));
        // A generated password is random on every run; the Secret keeps the first one (ignoreChanges), so the
        // output reads it back from the cluster's copy instead of exporting this run's new value.
        this.grafanaAdminPassword = generated ? StoredSecret.value(adminSecret, "admin-password") : password;
        registerOutputs(Map.of("namespace", namespace, "grafanaAdminPassword", grafanaAdminPassword));
    }

    private CustomResourceOptions on(Provider provider, List<? extends Resource> after) {
        return CustomResourceOptions.builder().parent(this).provider(provider).dependsOn(List.copyOf(after)).build();
    }

    private static ObjectMetaArgs meta(String objectName) {
        return ObjectMetaArgs.builder().name(objectName).namespace(NAMESPACE).build();
    }

    /** Requests for CPU and memory, and memory as the limit. */
    static Map<String, Object> resources(ContainerSize size) {
        return Map.of("requests", Map.of("cpu", size.cpu(), "memory", size.memory()), "limits", Map.of("memory", size.memory()));
    }

    /** kube-prometheus-stack values for a managed control plane, on the default StorageClass, without receivers. */
    static Map<String, Object> kubePrometheusStackValues(MonitoringSpec spec) {
        return kubePrometheusStackValues(spec, null, false, false);
    }

    /**
     * kube-prometheus-stack values: retention and sizes from config, Prometheus's data on a volume claim, Grafana's admin
     * from the Secret, GPU-aware selectors, control-plane monitors where the control plane is the owner's (on-prem), and
     * Alertmanager's configuration from Derrick's Secret when receivers are configured.
     */
    static Map<String, Object> kubePrometheusStackValues(MonitoringSpec spec, String storageClass, boolean selfManagedControlPlane,
                                                         boolean receivers) {
        var values = new TreeMap<String, Object>();
        var prometheusSpec = new TreeMap<String, Object>(Map.of(
                "retention", spec.retention(),
                "resources", resources(spec.resources().prometheus()),
                // Select every ServiceMonitor and PrometheusRule in the cluster, not only this release's:
                // dcgm-exporter's ServiceMonitor and Derrick's rules come from elsewhere.
                "serviceMonitorSelectorNilUsesHelmValues", false,
                "podMonitorSelectorNilUsesHelmValues", false,
                "ruleSelectorNilUsesHelmValues", false));
        if (spec.storage().enabled()) {
            var claim = new TreeMap<String, Object>(Map.of("accessModes", List.of("ReadWriteOnce"),
                    "resources", Map.of("requests", Map.of("storage", spec.storage().size()))));
            if (storageClass != null) {
                claim.put("storageClassName", storageClass);
            }
            prometheusSpec.put("storageSpec", Map.of("volumeClaimTemplate", Map.of("spec", claim)));
        }
        values.put("prometheus", Map.of("prometheusSpec", prometheusSpec));
        if (receivers) {
            values.put("alertmanager", Map.of("alertmanagerSpec", Map.of("useExistingSecret", true, "configSecret", ALERTMANAGER_CONFIG_SECRET)));
        }
        values.put("grafana", Map.of(
                "admin", Map.of("existingSecret", GRAFANA_ADMIN_SECRET, "userKey", "admin-user", "passwordKey", "admin-password"),
                "resources", resources(spec.resources().grafana()),
                "sidecar", Map.of("dashboards", Map.of("enabled", true,
                        "label", GpuDashboards.SIDECAR_LABEL, "labelValue", GpuDashboards.SIDECAR_LABEL_VALUE))));
        // kube_node_labels{label_derrick_dev_pool}: the rules map nodes to pools with it.
        values.put("kube-state-metrics", Map.of("metricLabelsAllowlist", List.of("nodes=[" + POOL_NODE_LABEL + "]")));
        // Managed control planes (EKS, GKE, AKS) expose no scheduler, controller-manager or etcd
        // metrics, and kube-proxy's listen on localhost: scraping them only raises TargetDown alerts.
        // An on-prem control plane is the owner's to watch: the chart's monitors stay on.
        values.put("kubeControllerManager", Map.of("enabled", selfManagedControlPlane));
        values.put("kubeScheduler", Map.of("enabled", selfManagedControlPlane));
        values.put("kubeEtcd", Map.of("enabled", selfManagedControlPlane));
        values.put("kubeProxy", Map.of("enabled", selfManagedControlPlane));
        return values;
    }

    /** dcgm-exporter values for GPU nodes whose image carries driver and runtime. */
    static Map<String, Object> dcgmExporterValues() {
        return dcgmExporterValues(GpuRuntime.NODE_IMAGE);
    }

    /**
     * dcgm-exporter values: on every GPU node whatever its taints, Derrick's counters, the scrape labels the rules join
     * on, and what the node's GPU runtime needs for the exporter to see the GPUs ({@link GpuRuntime}).
     */
    static Map<String, Object> dcgmExporterValues(GpuRuntime runtime) {
        var values = new TreeMap<String, Object>();
        values.put("fullnameOverride", "dcgm-exporter");
        values.put("arguments", List.of("-f", DCGM_COUNTERS_PATH));
        var configMaps = List.of(Map.of("name", "derrick-counters", "configMap", Map.of(
                "name", DCGM_COUNTERS_CONFIGMAP, "items", List.of(Map.of("key", "counters.csv", "path", "default-counters.csv")))));
        var mounts = new ArrayList<Map<String, Object>>();
        mounts.add(Map.of("name", "derrick-counters", "mountPath", DCGM_COUNTERS_PATH, "subPath", "default-counters.csv", "readOnly", true));
        values.put("extraConfigMapVolumes", configMaps);
        var nodeSelector = new TreeMap<String, String>(Map.of(GPU_NODE_LABEL, "true"));
        if (runtime.gpuOperator()) {
            // The MIG manager pauses the exporter by flipping this label while it repartitions GPUs; without the
            // selector the exporter keeps the GPUs busy and the reconfiguration fails (mig.config.state=failed).
            nodeSelector.put(DCGM_EXPORTER_DEPLOY_LABEL, "true");
        }
        values.put("nodeSelector", nodeSelector);
        values.put("tolerations", List.of(Map.of("operator", "Exists")));
        switch (runtime) {
            case GKE -> {
                // GKE admits system-node-critical pods only in kube-system (or a namespace with a ResourceQuota that
                // allows them): the chart's default priority class would keep every exporter pod from being created.
                values.put("priorityClassName", "");
                values.put("extraHostVolumes", List.of(Map.of("name", "nvidia-install-dir-host", "hostPath", GKE_NVIDIA_HOST_DIR)));
                mounts.add(Map.of("name", "nvidia-install-dir-host", "mountPath", "/usr/local/nvidia", "readOnly", true));
                values.put("extraEnv", List.of(
                        Map.of("name", "LD_LIBRARY_PATH", "value", "/usr/local/nvidia/lib64"),
                        // GKE's device plugin reports devices by name (nvidia0), not UUID, in the kubelet's pod resources.
                        Map.of("name", "DCGM_EXPORTER_KUBERNETES_GPU_ID_TYPE", "value", "device-name")));
                // No nvidia runtime to inject /dev/nvidia*: the exporter needs the host's device nodes.
                // Helm merges this over the chart's securityContext, whose allowPrivilegeEscalation: false the API server
                // refuses next to privileged: true (found by the server dry-run of every rendered object).
                values.put("securityContext", Map.of("privileged", true, "allowPrivilegeEscalation", true, "runAsNonRoot", false, "runAsUser", 0));
            }
            // The RuntimeClass the GPU operator creates; the exporter waits for the operator (MlPlatform).
            case OPERATOR -> values.put("runtimeClassName", runtime.runtimeClass());
            case NODE_IMAGE, AKS_NODE_IMAGE -> {
                // The nvidia runtime is containerd's default on these images: nothing to select.
            }
        }
        values.put("extraVolumeMounts", mounts);
        var relabelings = new ArrayList<Map<String, Object>>();
        // kubernetes_node is a target label, so `up` carries it too (DcgmExporterDown reason=no_target).
        relabelings.add(new LinkedHashMap<>(Map.of("action", "replace",
                "sourceLabels", List.of("__meta_kubernetes_pod_node_name"), "targetLabel", "kubernetes_node")));
        // The job label the rules' dcgmExporterJob parameter names.
        relabelings.add(new LinkedHashMap<>(Map.of("action", "replace", "targetLabel", "job",
                "replacement", GpuAlertRules.DCGM_EXPORTER_JOB)));
        values.put("serviceMonitor", Map.of("enabled", true, "interval", "30s", "relabelings", relabelings));
        return values;
    }
}
