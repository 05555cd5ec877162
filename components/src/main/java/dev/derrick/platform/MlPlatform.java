package dev.derrick.platform;

import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.derrick.aws.EcrRegistry;
import dev.derrick.aws.EksCluster;
import dev.derrick.aws.S3ObjectStore;
import dev.derrick.catalog.Catalog;
import dev.derrick.config.ClusterSpec;
import dev.derrick.config.ObjectStoreSpec;
import dev.derrick.config.RegistrySpec;
import dev.derrick.config.StackConfig;
import dev.derrick.config.Target;
import dev.derrick.kubernetes.GpuPool;
import dev.derrick.kubernetes.MonitoringStack;
import dev.derrick.kubernetes.MonitoringStackArgs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Composes the platform from a validated {@link StackConfig}: one explicit cloud provider per
 * (cloud, region), then clusters, object stores and registries. Values pass through untouched;
 * defaults live in the config records and the components.
 */
public final class MlPlatform {
    private final StackConfig config;
    private final Catalog catalog;
    private final Map<String, Provider> awsProviders = new LinkedHashMap<>();
    private final Map<String, Output<?>> exports = new LinkedHashMap<>();
    private final Output<String> grafanaAdminPassword;

    public MlPlatform(StackConfig config, Catalog catalog) {
        this(config, catalog, null);
    }

    /** @param grafanaAdminPassword secret {@code derrick:grafanaAdminPassword}; null: each cluster's stack generates one */
    public MlPlatform(StackConfig config, Catalog catalog, Output<String> grafanaAdminPassword) {
        this.config = config;
        this.catalog = catalog;
        this.grafanaAdminPassword = grafanaAdminPassword;
    }

    /** Registers every resource; returns the stack outputs. */
    public Map<String, Output<?>> build() {
        Map<String, String> tags = config.resourceTags();
        for (ClusterSpec c : config.clusters()) {
            if (c.target() == Target.AWS) {
                var cluster = new EksCluster(c.name(), config.stack() + "-" + c.name(), c, catalog, tags, onAws(c.region()));
                exports.put(c.name() + ".clusterName", cluster.clusterName);
                exports.put(c.name() + ".endpoint", cluster.endpoint);
                monitor(c, cluster, cluster.kubeconfig, cluster.gpuPools, cluster.pools);
            }
        }
        for (ObjectStoreSpec s : config.objectStores()) {
            if (s.target() == Target.AWS) {
                var store = new S3ObjectStore(s.name(), s, tags, onAws(s.region()));
                exports.put(s.name() + ".bucketName", store.bucketName);
            }
        }
        for (RegistrySpec r : config.registries()) {
            if (r.target() == Target.AWS) {
                var registry = new EcrRegistry(r.name(), r, tags, onAws(r.region()));
                exports.put(r.name() + ".repositoryUrl", registry.repositoryUrl);
            }
        }
        return exports;
    }

    /**
     * A monitoring stack on a cluster, when {@code derrick:monitoring.enabled}. Cloud-neutral: a GKE
     * or AKS cluster passes its own kubeconfig, GPU pools and node pools.
     */
    private void monitor(ClusterSpec c, Resource cluster, Output<String> kubeconfig, List<GpuPool> gpuPools,
                         List<? extends Resource> nodePools) {
        if (!config.monitoring().enabled()) {
            return;
        }
        var monitoring = new MonitoringStack(c.name() + "-monitoring",
                new MonitoringStackArgs(kubeconfig, config.monitoring(), gpuPools, grafanaAdminPassword, nodePools),
                ComponentResourceOptions.builder().parent(cluster).build());
        exports.put(c.name() + ".grafanaAdminPassword", monitoring.grafanaAdminPassword);
    }

    /** Component options that place children in an AWS region through an explicit provider. */
    private ComponentResourceOptions onAws(String region) {
        Provider p = awsProviders.computeIfAbsent(region, r -> new Provider("aws-" + r, ProviderArgs.builder().region(r).build(),
                CustomResourceOptions.builder().build()));
        return ComponentResourceOptions.builder().providers(p).build();
    }
}
