package dev.derrick.serving;

import dev.derrick.charts.ChartSource;
import dev.derrick.platform.ClusterTarget;
import dev.derrick.platform.StoreTarget;

import java.util.Map;

/**
 * @param cluster     the cluster, with its {@code serving:} block enabled; serving waits for its {@code after} (pools,
 *                    GPU operator, monitoring) and is scraped when it runs monitoring
 * @param modelStore  the store of {@code serving.modelStore}, read with the cluster's workload identity
 * @param runtimeSpec the GPU runtime's spec ({@link GpuServingRuntime#spec}); null without the GPU runtime
 * @param charts      where the releases get their charts
 */
public record ServingArgs(ClusterTarget cluster, StoreTarget modelStore, Map<String, Object> runtimeSpec, ChartSource charts) {
}
