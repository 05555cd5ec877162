package dev.derrick.kubernetes;

import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.ConfigMapArgs;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.derrick.charts.Charts;
import dev.derrick.config.GpuDriver;
import dev.derrick.config.Taint;
import dev.derrick.config.NodePoolSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The NVIDIA GPU operator on one cluster, with the sharing of its GPU pools: the device plugin
 * (always), GPU feature discovery, node feature discovery, the MIG manager (with MIG pools), and the
 * driver and container toolkit only where the node image does not carry them
 * ({@link GpuDriver#OPERATOR}: on-prem by default). On EKS the AL2023 NVIDIA AMI carries driver and
 * toolkit, and on AKS the GPU node image does, so there the chart runs with {@code driver.enabled=false}
 * and {@code toolkit.enabled=false}. GKE is not served here: GKE installs the driver and its own device
 * plugin, and shares GPUs through the node pool ({@code GkeNodePool}).
 *
 * <p>Its dcgm-exporter stays off: {@link MonitoringStack} runs dcgm-exporter with Derrick's counters.
 *
 * <p>Children ({@code <name>-<role>}): {@code provider}, {@code namespace} ({@value #NAMESPACE}, privileged:
 * the operator's daemonsets need host access), {@code device-plugin-config} (ConfigMap), {@code mig-config}
 * (ConfigMap, with MIG pools) and {@code release} (Helm).
 */
public final class GpuOperator extends ComponentResource {
    public static final String TYPE = "derrick:kubernetes:GpuOperator";
    public static final String NAMESPACE = "gpu-operator";

    /**
     * gpu-operator chart v25.10.1 ({@link Charts#GPU_OPERATOR}; driver 580.105.08, device plugin v0.18.1, container
     * toolkit v1.18.1), the version the base recipe of NVIDIA's Cloud Native Stack recipe data (cnsctl, "Data
     * Architecture", read 2026-11-23) pins. v26.3.x changes many ClusterPolicy defaults, so moving to it is a
     * deliberate bump. The values Derrick sets ({@code driver.enabled}, {@code toolkit.enabled},
     * {@code operator.runtimeClass}, {@code daemonsets.tolerations}, {@code node-feature-discovery.worker.tolerations},
     * {@code devicePlugin.config.name/default}, {@code mig.strategy}, {@code migManager.config.name/default},
     * {@code dcgmExporter.enabled}, {@code nfd.enabled}) are checked against the vendored chart by rendering it.
     */
    public static final String CHART = Charts.GPU_OPERATOR.name();
    public static final String CHART_VERSION = Charts.GPU_OPERATOR.version();
    /**
     * The tolerations the chart gives its operands and NFD workers by default (values.yaml of v25.10.1): Derrick's
     * lists replace the chart's, so they start from these.
     */
    static final List<Map<String, String>> CHART_OPERAND_TOLERATIONS = List.of(
            Map.of("key", "nvidia.com/gpu", "operator", "Exists", "effect", "NoSchedule"));
    static final List<Map<String, String>> CHART_NFD_WORKER_TOLERATIONS = List.of(
            Map.of("key", "node-role.kubernetes.io/master", "operator", "Equal", "value", "", "effect", "NoSchedule"),
            Map.of("key", "node-role.kubernetes.io/control-plane", "operator", "Equal", "value", "", "effect", "NoSchedule"),
            Map.of("key", "nvidia.com/gpu", "operator", "Exists", "effect", "NoSchedule"));

    public GpuOperator(String name, GpuOperatorArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        List<NodePoolSpec> pools = args.gpuPools();
        var provider = new Provider(name + "-provider", ProviderArgs.builder()
                .kubeconfig(args.kubeconfig().asSecret())
                .build(), CustomResourceOptions.builder().parent(this).build());

        var ns = new Namespace(name + "-namespace", NamespaceArgs.builder()
                .metadata(ObjectMetaArgs.builder()
                        .name(NAMESPACE)
                        .labels(Map.of("pod-security.kubernetes.io/enforce", "privileged", "app.kubernetes.io/managed-by", "derrick"))
                        .build())
                .build(), on(provider, args.clusterReady()));

        var configs = new ArrayList<Resource>(List.of(ns));
        configs.add(new ConfigMap(name + "-device-plugin-config", ConfigMapArgs.builder()
                .metadata(meta(GpuSharingConfig.DEVICE_PLUGIN_CONFIGMAP))
                .data(GpuSharingConfig.devicePluginConfigs(pools))
                .build(), on(provider, List.of(ns))));
        boolean mig = GpuSharingConfig.usesMig(pools);
        if (mig) {
            configs.add(new ConfigMap(name + "-mig-config", ConfigMapArgs.builder()
                    .metadata(meta(GpuSharingConfig.MIG_CONFIGMAP))
                    .data(Map.of("config.yaml", GpuSharingConfig.migPartedConfig(pools, args.catalog())))
                    .build(), on(provider, List.of(ns))));
        }

        // The ConfigMaps first: the operator reads them when it renders the device plugin and MIG manager.
        new Release(name + "-release", ReleaseArgs.builder()
                .name("gpu-operator")
                .namespace(NAMESPACE)
                .chart(CHART)
                .version(CHART_VERSION)
                .repositoryOpts(args.charts().repositoryOpts(Charts.GPU_OPERATOR))
                .timeout(900)
                .values(values(args.gpuDriver(), args.gpuRuntime(), pools))
                .build(), on(provider, configs));

        registerOutputs(Map.of());
    }

    private CustomResourceOptions on(Provider provider, List<? extends Resource> after) {
        return CustomResourceOptions.builder().parent(this).provider(provider).dependsOn(List.copyOf(after)).build();
    }

    private static ObjectMetaArgs meta(String objectName) {
        return ObjectMetaArgs.builder().name(objectName).namespace(NAMESPACE)
                .labels(Map.of("app.kubernetes.io/managed-by", "derrick")).build();
    }

    /** The values for nodes whose image carries driver and runtime (or the operator's, with {@code gpuDriver: operator}). */
    static Map<String, Object> values(GpuDriver gpuDriver, List<NodePoolSpec> pools) {
        return values(gpuDriver, gpuDriver == GpuDriver.OPERATOR ? GpuRuntime.OPERATOR : GpuRuntime.NODE_IMAGE, pools);
    }

    /**
     * The chart's values: driver and toolkit per {@code gpuDriver}, the RuntimeClass named after the node's containerd
     * handler, operands and NFD workers that tolerate every taint of the GPU pools (custom taints, AKS's spot taint),
     * Derrick's device plugin and MIG configs, no dcgm-exporter.
     */
    static Map<String, Object> values(GpuDriver gpuDriver, GpuRuntime runtime, List<NodePoolSpec> pools) {
        boolean install = gpuDriver == GpuDriver.OPERATOR;
        boolean mig = GpuSharingConfig.usesMig(pools);
        var values = new TreeMap<String, Object>();
        values.put("driver", Map.of("enabled", install));
        values.put("toolkit", Map.of("enabled", install));
        values.put("devicePlugin", Map.of("config", Map.of(
                "name", GpuSharingConfig.DEVICE_PLUGIN_CONFIGMAP,
                "default", GpuSharingConfig.DEFAULT_CONFIG)));
        values.put("mig", Map.of("strategy", GpuSharingConfig.migStrategy(pools)));
        values.put("migManager", mig
                ? Map.of("enabled", true, "config", Map.of("name", GpuSharingConfig.MIG_CONFIGMAP, "default", GpuSharingConfig.MIG_DISABLED))
                : Map.of("enabled", false));
        // MonitoringStack runs dcgm-exporter with Derrick's counters; a second one would double every series.
        values.put("dcgmExporter", Map.of("enabled", false));
        values.put("nfd", Map.of("enabled", true));
        values.put("operator", Map.of("runtimeClass", runtime.runtimeClass()));
        values.put("daemonsets", Map.of("tolerations", tolerations(CHART_OPERAND_TOLERATIONS, pools)));
        values.put("node-feature-discovery", Map.of("worker", Map.of("tolerations", tolerations(CHART_NFD_WORKER_TOLERATIONS, pools))));
        return values;
    }

    /**
     * The chart's default tolerations plus one per taint the GPU pools' nodes carry (AKS spot pools:
     * {@code kubernetes.azure.com/scalesetpriority=spot:NoSchedule}), so device plugin, GFD, MIG manager and NFD run
     * on every GPU node.
     */
    static List<Map<String, String>> tolerations(List<Map<String, String>> chartDefaults, List<NodePoolSpec> pools) {
        var out = new ArrayList<Map<String, String>>(chartDefaults);
        var seen = new java.util.HashSet<String>();
        chartDefaults.forEach(t -> seen.add(t.get("key") + ":" + t.get("effect")));
        for (NodePoolSpec pool : pools) {
            for (Taint t : poolTaints(pool)) {
                if (seen.add(t.key() + ":" + t.effect())) {
                    out.add(Map.of("key", t.key(), "operator", "Exists", "effect", t.effect()));
                }
            }
        }
        return out;
    }

    /** The taints a pool's nodes carry: its own, and AKS's spot taint on Azure spot pools. */
    private static List<Taint> poolTaints(NodePoolSpec pool) {
        var out = new ArrayList<>(pool.nodeTaints());
        if (pool.capacity() == dev.derrick.config.CapacityType.SPOT) {
            out.add(Taint.AKS_SPOT);
        }
        return out;
    }
}
