package dev.derrick.platform;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;
import dev.derrick.catalog.Catalog;
import dev.derrick.charts.ChartSource;
import dev.derrick.config.ClusterSpec;
import dev.derrick.config.NodePoolSpec;
import dev.derrick.config.StackConfig;
import dev.derrick.config.Target;
import dev.derrick.kubernetes.GpuOperator;
import dev.derrick.kubernetes.GpuOperatorArgs;
import dev.derrick.kubernetes.GpuPool;
import dev.derrick.kubernetes.GpuRuntime;
import dev.derrick.kubernetes.MonitoringStack;
import dev.derrick.kubernetes.MonitoringStackArgs;
import dev.derrick.kubernetes.NodeShape;
import dev.derrick.kueue.Kueue;
import dev.derrick.kueue.KueueArgs;
import dev.derrick.kueue.KueueFlavors;
import dev.derrick.aws.EksNodePool;
import dev.derrick.azure.AksNodePool;
import dev.derrick.catalog.InstanceType;
import dev.derrick.gcp.GkeNodePool;
import dev.derrick.onprem.NodeSet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Derrick installs inside one cluster, whatever made the cluster: the NVIDIA GPU operator (clusters with GPU
 * pools, except GKE), the monitoring stack ({@code derrick:monitoring.enabled}) and Kueue with the team queues (the
 * cluster's {@code kueue:}). {@link MlPlatform} calls it for every
 * cluster it creates or adopts; the real-engine tests call it against a test cluster to deploy a cloud stack's
 * in-cluster layer for real.
 */
public final class InClusterLayer {
    private final StackConfig config;
    private final Catalog catalog;
    private final Output<String> grafanaAdminPassword;
    private final Output<String> alerting;

    /**
     * @param grafanaAdminPassword secret {@code derrick:grafanaAdminPassword}; null: generated per cluster
     * @param alerting             secret {@code derrick:alerting}; null: no receivers
     */
    public InClusterLayer(StackConfig config, Catalog catalog, Output<String> grafanaAdminPassword, Output<String> alerting) {
        this.config = config;
        this.catalog = catalog;
        this.grafanaAdminPassword = grafanaAdminPassword;
        this.alerting = alerting;
    }

    /** How the GPU nodes of a cluster of this target (and {@code gpuDriver}) give containers their GPUs. */
    public static GpuRuntime runtimeOf(ClusterSpec c) {
        if (c.gpuDriver() == dev.derrick.config.GpuDriver.OPERATOR) {
            return GpuRuntime.OPERATOR;
        }
        return switch (c.target()) {
            case GCP -> GpuRuntime.GKE;
            case AZURE -> GpuRuntime.AKS_NODE_IMAGE;
            default -> GpuRuntime.NODE_IMAGE;
        };
    }

    /**
     * What pool {@code p} of cluster {@code c} puts on its nodes, answered by the pool's own component (the one place
     * the flavors of {@link KueueFlavors} read labels and taints from; a new pool kind adds its case here).
     */
    public static NodeShape nodeShapeOf(ClusterSpec c, NodePoolSpec p, Catalog catalog) {
        String cloud = dev.derrick.config.internal.NodeReader.token(c.target());
        if (dev.derrick.karpenter.KarpenterPools.isKarpenter(c, p)) {
            return dev.derrick.karpenter.KarpenterManifests.nodeShape(p, dev.derrick.karpenter.KarpenterPools.types(p, catalog));
        }
        InstanceType t = c.target() == Target.ONPREM ? null : catalog.pick(cloud, p.accelerator(), p.gpusPerNode(), p.machineType()).orElse(null);
        return switch (c.target()) {
            case AWS -> EksNodePool.nodeShape(p, t);
            case GCP -> GkeNodePool.nodeShape(p, t);
            case AZURE -> AksNodePool.nodeShape(p, t);
            case ONPREM -> NodeSet.nodeShape(p, p.gpusPerNode());
        };
    }

    /** Where every Helm release gets its chart: upstream, or the stack's chart mirror. */
    public ChartSource charts() {
        return ChartSource.of(config.charts().repository());
    }

    /**
     * Installs the layer into cluster {@code c}.
     *
     * @param parent     the cluster's component (null: top level)
     * @param kubeconfig the cluster's kubeconfig; secret
     * @param gpuPools   its GPU pools as monitoring sees them
     * @param ready      what the in-cluster objects wait for (node pools or node patches)
     * @return the stack outputs it adds ({@code <cluster>.grafanaAdminPassword}) and what add-ons wait for
     */
    public Installed install(ClusterSpec c, Resource parent, Output<String> kubeconfig, List<GpuPool> gpuPools,
                                          List<? extends Resource> ready) {
        var exports = new LinkedHashMap<String, Output<?>>();
        GpuRuntime runtime = runtimeOf(c);
        var options = parent == null ? ComponentResourceOptions.builder().build() : ComponentResourceOptions.builder().parent(parent).build();
        GpuOperator operator = null;
        List<NodePoolSpec> pools = c.gpuPools();
        if (!pools.isEmpty() && runtime.gpuOperator()) {
            operator = new GpuOperator(c.name() + "-gpu-operator",
                    new GpuOperatorArgs(kubeconfig, c.gpuDriver(), pools, catalog, ready, runtime, charts()), options);
        }
        MonitoringStack monitoring = null;
        if (config.monitoring().enabled()) {
            var after = new ArrayList<Resource>(ready);
            if (operator != null && runtime == GpuRuntime.OPERATOR) {
                // dcgm-exporter selects the operator's RuntimeClass: the operator creates it.
                after.add(operator);
            }
            monitoring = new MonitoringStack(c.name() + "-monitoring",
                    new MonitoringStackArgs(kubeconfig, config.monitoring(), gpuPools, grafanaAdminPassword, after, runtime, charts(),
                            c.storageClass(), c.target() == Target.ONPREM, alerting), options);
            exports.put(c.name() + ".grafanaAdminPassword", monitoring.grafanaAdminPassword);
        }
        // What Kueue and the add-ons wait for: the pools, the operator (GPUs advertised) and monitoring (the
        // ServiceMonitor CRD, the dashboard namespace).
        var after = new ArrayList<Resource>(ready);
        if (operator != null) {
            after.add(operator);
        }
        if (monitoring != null) {
            after.add(monitoring);
        }
        if (c.kueue().enabled()) {
            new Kueue(c.name() + "-kueue", new KueueArgs(kubeconfig, c, KueueFlavors.of(c, catalog, p -> nodeShapeOf(c, p, catalog)), charts(), after,
                    monitoring != null), options);
        }
        return new Installed(exports, after, monitoring != null);
    }

    /**
     * What {@link #install} leaves for the add-ons.
     *
     * @param exports    the stack outputs it adds
     * @param after      what add-on objects wait for: the cluster's pools, GPU operator and monitoring
     * @param monitoring whether the cluster runs the monitoring stack
     */
    public record Installed(Map<String, Output<?>> exports, List<Resource> after, boolean monitoring) {
    }

    /**
     * Installs the add-ons that reach the stack's object stores (called once per cluster after every cluster and
     * store exists). Each add-on package adds its one line here.
     *
     * @param cluster the cluster, after {@link #install}
     * @param stores  every object store of the stack, by name
     * @return the stack outputs the add-ons add
     */
    public Map<String, Output<?>> installAddOns(ClusterTarget cluster, Map<String, StoreTarget> stores) {
        var exports = new LinkedHashMap<String, Output<?>>();
        var options = ComponentResourceOptions.builder().parent(cluster.parent()).build();
        ClusterSpec c = cluster.spec();
        if (c.tracking().enabled()) {
            var tracking = new dev.derrick.tracking.TrackingServer(cluster.name() + "-tracking", new dev.derrick.tracking.TrackingArgs(cluster,
                    stores.get(c.tracking().artifactStore()), charts()), options);
            if (tracking.adminPassword != null) {
                exports.put(cluster.name() + ".mlflowAdminPassword", tracking.adminPassword);
            }
        }
        if (c.serving().enabled()) {
            new dev.derrick.serving.Serving(dev.derrick.serving.Serving.componentName(c.name()), new dev.derrick.serving.ServingArgs(cluster,
                    stores.get(c.serving().modelStore()), c.serving().gpuRuntime() ? dev.derrick.serving.GpuServingRuntime.spec(c, p -> nodeShapeOf(c, p, catalog))
                    : null, charts()), options);
        }
        return exports;
    }
}
