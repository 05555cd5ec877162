package dev.derrick.kueue;

import com.pulumi.core.Output;
import com.pulumi.resources.Resource;
import dev.derrick.charts.ChartSource;
import dev.derrick.config.ClusterSpec;

import java.util.List;

/**
 * @param kubeconfig the cluster's kubeconfig; secret
 * @param cluster    the cluster, with its {@code kueue:} block enabled
 * @param flavors    its GPU pools' flavors ({@link KueueFlavors#of})
 * @param charts     where the releases get their charts
 * @param after      what Kueue waits for: the GPU pools (node groups or node patches), the GPU operator, monitoring
 * @param monitoring whether the cluster runs Derrick's monitoring (then Kueue's metrics are scraped and the team
 *                   dashboard is provisioned)
 */
public record KueueArgs(Output<String> kubeconfig, ClusterSpec cluster, List<GpuFlavor> flavors, ChartSource charts,
                        List<? extends Resource> after, boolean monitoring) {
    public KueueArgs {
        flavors = List.copyOf(flavors);
        after = List.copyOf(after);
    }
}
