package dev.derrick.platform;

import dev.derrick.charts.ChartSource;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ProviderResource;
import com.pulumi.resources.Resource;
import dev.derrick.aws.EcrRegistry;
import dev.derrick.aws.EksCluster;
import dev.derrick.aws.S3ObjectStore;
import dev.derrick.azure.AcrRegistry;
import dev.derrick.azure.AksCluster;
import dev.derrick.azure.BlobObjectStore;
import dev.derrick.catalog.Catalog;
import dev.derrick.config.ClusterSpec;
import dev.derrick.config.ObjectStoreSpec;
import dev.derrick.config.RegistrySpec;
import dev.derrick.config.StackConfig;
import dev.derrick.config.Target;
import dev.derrick.onprem.ExistingCluster;
import dev.derrick.onprem.InClusterObjectStore;
import dev.derrick.onprem.Kubeconfigs;
import dev.derrick.onprem.OciRegistry;
import dev.derrick.onprem.S3CompatibleStore;
import dev.derrick.gcp.ArtifactRegistry;
import dev.derrick.gcp.GcsObjectStore;
import dev.derrick.gcp.GkeCluster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Composes the platform from a validated {@link StackConfig}: explicit cloud providers, then
 * clusters, object stores and registries, each routed by its target to that cloud's component.
 * Values pass through untouched; defaults live in the config records and the components.
 *
 * <p>Providers: {@code aws-<region>} and {@code gcp-<region>} (with {@code derrick:gcpProject})
 * per region used; azure-native has no location setting (every Azure resource names its own
 * {@code location}), so there is one {@code azure-native} provider for the stack.
 */
public final class MlPlatform {
    /** The API that makes Artifact Analysis scan every pushed image of a project. */
    public static final String CONTAINER_SCANNING_API = dev.derrick.gcp.ProjectApis.CONTAINER_SCANNING;

    private final StackConfig config;
    private final Catalog catalog;
    private final Map<String, ProviderResource> providers = new LinkedHashMap<>();
    private final Map<String, Output<?>> exports = new LinkedHashMap<>();
    private final Output<String> kubeconfigs;
    private final InClusterLayer layer;
    private final Map<String, ExistingCluster> onpremClusters = new LinkedHashMap<>();

    public MlPlatform(StackConfig config, Catalog catalog) {
        this(config, catalog, null, null);
    }

    /**
     * @param grafanaAdminPassword secret {@code derrick:grafanaAdminPassword}; null: each cluster's stack generates one
     * @param kubeconfigs          secret {@code derrick:kubeconfigs} (cluster name to kubeconfig); null without onprem clusters
     */
    public MlPlatform(StackConfig config, Catalog catalog, Output<String> grafanaAdminPassword, Output<String> kubeconfigs) {
        this(config, catalog, grafanaAdminPassword, kubeconfigs, null);
    }

    /** @param alerting secret {@code derrick:alerting} (Alertmanager receivers); null: none configured */
    public MlPlatform(StackConfig config, Catalog catalog, Output<String> grafanaAdminPassword, Output<String> kubeconfigs,
                      Output<String> alerting) {
        this.layer = new InClusterLayer(config, catalog, grafanaAdminPassword, alerting);
        this.config = config;
        this.catalog = catalog;
        this.kubeconfigs = kubeconfigs;
    }

    /** Registers every resource; returns the stack outputs. */
    public Map<String, Output<?>> build() {
        Map<String, String> tags = config.resourceTags();
        var targets = new java.util.ArrayList<ClusterTarget>();
        var storeTargets = new LinkedHashMap<String, StoreTarget>();
        for (ClusterSpec c : config.clusters()) {
            String physical = dev.derrick.config.internal.DerivedNames.cluster(config.stack(), c.name());
            switch (c.target()) {
                case AWS -> {
                    var cluster = new EksCluster(c.name(), physical, c, catalog, tags, charts(), on(Target.AWS, c.region()));
                    exports.put(c.name() + ".clusterName", cluster.clusterName);
                    exports.put(c.name() + ".endpoint", cluster.endpoint);
                    // `./derrick verify` reads each pool's node group from here (Karpenter pools have none).
                    cluster.nodeGroupNames.forEach((pool, group) -> exports.put(c.name() + "." + pool + ".nodeGroupName", group));
                    if (cluster.karpenter != null) {
                        exports.put(c.name() + ".karpenterInterruptionQueue", cluster.karpenter.queueName);
                    }
                    var in = layer.install(c, cluster, cluster.kubeconfig, cluster.gpuPools, cluster.ready);
                    exports.putAll(in.exports());
                    targets.add(new ClusterTarget(c, cluster.kubeconfig, cluster, in.after(), in.monitoring(), cluster.clusterName,
                            cluster::podIdentityAgent, null, null, null));
                }
                case GCP -> {
                    var cluster = new GkeCluster(c.name(), physical, config.gcpProject(), c, catalog, tags, gcpApis(), on(Target.GCP, c.region()));
                    exports.put(c.name() + ".clusterName", cluster.clusterName);
                    exports.put(c.name() + ".endpoint", cluster.endpoint);
                    // No GPU operator: GKE installs the driver and device plugin and shares GPUs in the node pool.
                    var in = layer.install(c, cluster, cluster.kubeconfig, cluster.gpuPools, cluster.pools);
                    exports.putAll(in.exports());
                    targets.add(new ClusterTarget(c, cluster.kubeconfig, cluster, in.after(), in.monitoring(), null, null,
                            config.gcpProject(), null, null));
                }
                case AZURE -> {
                    var cluster = new AksCluster(c.name(), physical, c, catalog, tags, on(Target.AZURE, c.region()));
                    exports.put(c.name() + ".clusterName", cluster.clusterName);
                    exports.put(c.name() + ".resourceGroupName", cluster.resourceGroupName);
                    var in = layer.install(c, cluster, cluster.kubeconfig, cluster.gpuPools, cluster.pools);
                    exports.putAll(in.exports());
                    targets.add(new ClusterTarget(c, cluster.kubeconfig, cluster, in.after(), in.monitoring(), null, null, null,
                            cluster.oidcIssuerUrl, cluster.resourceGroupName));
                }
                case ONPREM -> {
                    if (kubeconfigs == null) {
                        throw new IllegalStateException("onprem cluster " + c.name() + " without derrick:kubeconfigs passed validation");
                    }
                    var cluster = new ExistingCluster(c.name(), c, Kubeconfigs.of(kubeconfigs, c.name()), ComponentResourceOptions.builder().build());
                    onpremClusters.put(c.name(), cluster);
                    var in = layer.install(c, cluster, cluster.kubeconfig, cluster.gpuPools, cluster.nodesReady);
                    exports.putAll(in.exports());
                    targets.add(new ClusterTarget(c, cluster.kubeconfig, cluster, in.after(), in.monitoring(), null, null, null, null, null));
                }
                default -> throw new IllegalStateException("unsupported target " + c.target() + " passed validation");
            }
        }
        var inClusterStores = new LinkedHashMap<String, List<ObjectStoreSpec>>();
        for (ObjectStoreSpec s : config.objectStores()) {
            switch (s.target()) {
                case ONPREM -> {
                    if (s.inCluster()) {
                        inClusterStores.computeIfAbsent(s.cluster(), k -> new java.util.ArrayList<>()).add(s);
                        exports.put(s.name() + ".bucketName", Output.of(InClusterObjectStore.bucket(s)));
                    } else {
                        var store = new S3CompatibleStore(s.name(), s, tags, ComponentResourceOptions.builder().providers(s3Compatible(s)).build());
                        exports.put(s.name() + ".bucketName", store.bucketName);
                        storeTargets.put(s.name(), StoreTarget.s3Compatible(s, store.bucketName, s.endpoint(), null, null));
                        exports.put(s.name() + ".endpoint", Output.of(s.endpoint()));
                    }
                }
                case AWS -> {
                    var store = new S3ObjectStore(s.name(), s, tags, on(Target.AWS, s.region()));
                    exports.put(s.name() + ".bucketName", store.bucketName);
                    storeTargets.put(s.name(), StoreTarget.s3(s, store.bucketName, store.arn));
                }
                case GCP -> {
                    var store = new GcsObjectStore(s.name(), s, config.gcpProject(), tags, on(Target.GCP, s.region()));
                    exports.put(s.name() + ".bucketName", store.bucketName);
                    storeTargets.put(s.name(), StoreTarget.gcs(s, store.bucketName));
                }
                case AZURE -> {
                    var store = new BlobObjectStore(s.name(), s, tags, on(Target.AZURE, s.region()));
                    exports.put(s.name() + ".accountName", store.accountName);
                    storeTargets.put(s.name(), StoreTarget.blob(s, store.accountName, store.containerName, store.containerId));
                }
                default -> throw new IllegalStateException("unsupported target " + s.target() + " passed validation");
            }
        }
        inClusterStores.forEach((cluster, stores) -> {
            ExistingCluster host = onpremClusters.get(cluster);
            var store = new InClusterObjectStore(cluster + "-object-store", stores, host.nodesReady, charts(), storageClassOf(cluster), inside(host, stores.stream().anyMatch(ObjectStoreSpec::protect)));
            stores.forEach(s -> exports.put(s.name() + ".endpoint", Output.of(store.endpoint)));
            stores.forEach(s -> storeTargets.put(s.name(), StoreTarget.s3Compatible(s, Output.of(InClusterObjectStore.bucket(s)), store.endpoint,
                    store.accessKeyId, store.secretAccessKey)));
            exports.put(cluster + ".objectStoreAccessKeyId", store.accessKeyId);
            exports.put(cluster + ".objectStoreSecretAccessKey", store.secretAccessKey);
        });
        var inClusterRegistries = new LinkedHashMap<String, List<RegistrySpec>>();
        for (RegistrySpec r : config.registries()) {
            switch (r.target()) {
                case ONPREM -> {
                    if (r.inCluster()) {
                        inClusterRegistries.computeIfAbsent(r.cluster(), k -> new java.util.ArrayList<>()).add(r);
                        exports.put(r.name() + ".repositoryUrl", Output.of(OciRegistry.repositoryUrl(r.name())));
                    } else {
                        // An existing registry: Derrick only records where it is.
                        exports.put(r.name() + ".repositoryUrl", Output.of(r.url()));
                    }
                }
                case AWS -> exports.put(r.name() + ".repositoryUrl", new EcrRegistry(r.name(), r, tags, on(Target.AWS, r.region())).repositoryUrl);
                case GCP -> exports.put(r.name() + ".repositoryUrl",
                        new ArtifactRegistry(r.name(), r, config.gcpProject(), tags, gcpApis(), on(Target.GCP, r.region())).repositoryUrl);
                case AZURE -> exports.put(r.name() + ".loginServer", new AcrRegistry(r.name(), r, tags, on(Target.AZURE, r.region())).loginServer);
                default -> throw new IllegalStateException("unsupported target " + r.target() + " passed validation");
            }
        }
        inClusterRegistries.forEach((cluster, registries) -> {
            ExistingCluster host = onpremClusters.get(cluster);
            new OciRegistry(cluster + "-registry", registries, host.nodesReady, charts(), storageClassOf(cluster), inside(host, registries.stream().anyMatch(RegistrySpec::protect)));
        });
        // Add-ons that reach the object stores come last: they need both the cluster and the stores.
        targets.forEach(t -> exports.putAll(layer.installAddOns(t, storeTargets)));
        return exports;
    }

    /** Options for a component inside an on-prem cluster: under the cluster, with its Kubernetes provider. */
    private static ComponentResourceOptions inside(ExistingCluster cluster, boolean protect) {
        return ComponentResourceOptions.builder().parent(cluster).providers(cluster.provider).protect(protect).build();
    }

    /** The {@code storageClass} of the named cluster (null: its default class). */
    private String storageClassOf(String cluster) {
        return config.clusters().stream().filter(c -> c.name().equals(cluster)).findFirst().map(ClusterSpec::storageClass).orElse(null);
    }

    /** Where every Helm release gets its chart: upstream, or the stack's chart mirror. */
    private ChartSource charts() {
        return layer.charts();
    }

    /** The explicit AWS provider of an S3-compatible endpoint (one per endpoint). */
    private ProviderResource s3Compatible(ObjectStoreSpec s) {
        String region = s.region() != null ? s.region() : "us-east-1";
        return providers.computeIfAbsent(S3CompatibleStore.providerName(s.endpoint()), n -> new com.pulumi.aws.Provider(n,
                S3CompatibleStore.providerArgs(s.endpoint(), region), CustomResourceOptions.builder().build()));
    }

    private dev.derrick.gcp.ProjectApis gcpApis;

    /**
     * The APIs of {@code derrick:gcpProject}, shared by every GCP component so that each API is enabled once per
     * project (container scanning included: registries with {@code scanOnPush} enable it).
     */
    private dev.derrick.gcp.ProjectApis gcpApis() {
        if (gcpApis == null) {
            gcpApis = new dev.derrick.gcp.ProjectApis(config.gcpProject(), region -> provider(Target.GCP, region));
        }
        return gcpApis;
    }

    /** Component options that place children with the explicit provider of a (cloud, region). */
    private ComponentResourceOptions on(Target target, String region) {
        return ComponentResourceOptions.builder().providers(provider(target, region)).build();
    }

    private ProviderResource provider(Target target, String region) {
        var none = CustomResourceOptions.builder().build();
        return switch (target) {
            case AWS -> providers.computeIfAbsent("aws-" + region, n -> new com.pulumi.aws.Provider(n,
                    com.pulumi.aws.ProviderArgs.builder().region(region).build(), none));
            case GCP -> providers.computeIfAbsent("gcp-" + region, n -> new com.pulumi.gcp.Provider(n,
                    com.pulumi.gcp.ProviderArgs.builder().project(config.gcpProject()).region(region).build(), none));
            case AZURE -> providers.computeIfAbsent("azure-native", n -> new com.pulumi.azurenative.Provider(n,
                    com.pulumi.azurenative.ProviderArgs.Empty, none));
            default -> throw new IllegalStateException("no provider for " + target);
        };
    }
}
