package dev.derrick.platform;

import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.derrick.aws.EcrRegistry;
import dev.derrick.aws.EksCluster;
import dev.derrick.aws.S3ObjectStore;
import dev.derrick.catalog.Catalog;
import dev.derrick.config.ClusterSpec;
import dev.derrick.config.ObjectStoreSpec;
import dev.derrick.config.RegistrySpec;
import dev.derrick.config.StackConfig;
import dev.derrick.config.Target;

import java.util.LinkedHashMap;
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

    public MlPlatform(StackConfig config, Catalog catalog) {
        this.config = config;
        this.catalog = catalog;
    }

    /** Registers every resource; returns the stack outputs. */
    public Map<String, Output<?>> build() {
        Map<String, String> tags = config.resourceTags();
        for (ClusterSpec c : config.clusters()) {
            if (c.target() == Target.AWS) {
                var cluster = new EksCluster(c.name(), config.stack() + "-" + c.name(), c, catalog, tags, onAws(c.region()));
                exports.put(c.name() + ".clusterName", cluster.clusterName);
                exports.put(c.name() + ".endpoint", cluster.endpoint);
                // `./derrick verify` reads each pool's node group from here.
                for (int i = 0; i < c.nodePools().size(); i++) {
                    exports.put(c.name() + "." + c.nodePools().get(i).name() + ".nodeGroupName", cluster.pools.get(i).nodeGroupName);
                }
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

    /** Component options that place children in an AWS region through an explicit provider. */
    private ComponentResourceOptions onAws(String region) {
        Provider p = awsProviders.computeIfAbsent(region, r -> new Provider("aws-" + r, ProviderArgs.builder().region(r).build(),
                CustomResourceOptions.builder().build()));
        return ComponentResourceOptions.builder().providers(p).build();
    }
}
