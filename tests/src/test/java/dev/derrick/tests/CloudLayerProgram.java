package dev.derrick.tests;

import com.pulumi.Pulumi;
import com.pulumi.core.Output;
import dev.derrick.catalog.Catalog;
import dev.derrick.config.ClusterSpec;
import dev.derrick.config.StackConfig;
import dev.derrick.config.StackConfigLoader;
import dev.derrick.config.internal.PulumiConfigSource;
import dev.derrick.kubernetes.GpuPool;
import dev.derrick.platform.InClusterLayer;

import java.util.List;

/**
 * A test-only Pulumi program: the in-cluster layer of a cloud stack (GPU operator and monitoring, exactly as
 * {@code MlPlatform} installs them through {@link InClusterLayer}) into the real-engine test cluster, whose kubeconfig
 * comes from the secret {@code realengine:kubeconfig} instead of the cloud cluster Derrick would create. The cloud
 * resources themselves cannot be created here (no AWS, GCP or Azure provider runs on this machine).
 */
public final class CloudLayerProgram {
    private CloudLayerProgram() {
    }

    public static void main(String[] args) {
        Pulumi.run(ctx -> {
            StackConfig config = StackConfigLoader.load(PulumiConfigSource.read(ctx));
            Output<String> kubeconfig = ctx.config("realengine").requireSecret("kubeconfig");
            Catalog catalog = Catalog.bundled();
            var layer = new InClusterLayer(config, catalog, null, null);
            for (ClusterSpec given : config.clusters()) {
                // No Kueue here: the test cluster's API server cannot call webhooks, and Kueue's fail closed.
                ClusterSpec c = new ClusterSpec(given.name(), given.target(), given.region(), given.kubernetesVersion(), given.zones(),
                        given.vpcCidr(), given.subnetIds(), given.endpointAccess(), given.podCidr(), given.serviceCidr(), given.nodePools(),
                        given.gpuDriver(), given.storageClass());
                // GPUs per node as the cluster component counts them (a Karpenter pool: its largest allowed type).
                List<GpuPool> pools = c.gpuPools().stream().map(p -> {
                    var gpus = dev.derrick.kueue.PoolGpus.of(c, p, catalog);
                    return new GpuPool(p.name(), gpus == null ? 0 : gpus.gpusPerNode());
                }).toList();
                layer.install(c, null, kubeconfig, pools, List.of()).exports().forEach(ctx::export);
            }
        });
    }
}
