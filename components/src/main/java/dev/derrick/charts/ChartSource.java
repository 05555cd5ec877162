package dev.derrick.charts;

import com.pulumi.kubernetes.helm.v3.inputs.RepositoryOptsArgs;

/**
 * Where Helm releases fetch their charts: each chart's upstream repository, or one chart mirror
 * ({@code derrick:charts.repository}) that serves every chart of {@link Charts} at its pinned version — for
 * air-gapped clusters, and for the real-engine tests, which serve the vendored charts on 127.0.0.1.
 *
 * @param mirror the mirror's URL; null: upstream repositories
 */
public record ChartSource(String mirror) {
    public static final ChartSource UPSTREAM = new ChartSource(null);

    public static ChartSource of(String mirror) {
        return mirror == null || mirror.isBlank() ? UPSTREAM : new ChartSource(mirror);
    }

    /** The repository a release of {@code chart} names. */
    public String repository(PinnedChart chart) {
        return mirror != null ? mirror : chart.upstreamRepo();
    }

    public RepositoryOptsArgs repositoryOpts(PinnedChart chart) {
        return RepositoryOptsArgs.builder().repo(repository(chart)).build();
    }
}
