package dev.derrick.serving;

import com.pulumi.core.Output;
import com.pulumi.resources.Resource;
import dev.derrick.charts.ChartSource;
import dev.derrick.config.ClusterSpec;

import java.util.List;
import java.util.Map;

/**
 * @param kubeconfig  the cluster's kubeconfig; secret
 * @param cluster     the cluster, with its {@code serving:} block enabled
 * @param runtimeSpec the GPU runtime's spec ({@link GpuServingRuntime#spec}); null without the GPU runtime
 * @param access      the model store access of each serving namespace
 * @param charts      where the releases get their charts
 * @param after       what serving waits for: the GPU pools, the GPU operator, monitoring
 * @param monitoring  whether the cluster runs Derrick's monitoring (then KServe's controller and model servers are scraped)
 */
public record ServingArgs(Output<String> kubeconfig, ClusterSpec cluster, Map<String, Object> runtimeSpec, ModelStoreAccess access,
                          ChartSource charts, List<? extends Resource> after, boolean monitoring) {
    public ServingArgs {
        after = List.copyOf(after);
    }
}
