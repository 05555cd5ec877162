package dev.derrick.tracking;

import dev.derrick.charts.ChartSource;
import dev.derrick.platform.ClusterTarget;
import dev.derrick.platform.StoreTarget;

/**
 * @param cluster the cluster, with its {@code tracking:} block enabled; the server installs after {@code cluster.after()}
 * @param store   the artifact store its {@code tracking.artifactStore} names
 * @param charts  where the CloudNativePG release gets its chart
 */
public record TrackingArgs(ClusterTarget cluster, StoreTarget store, ChartSource charts) {
}
