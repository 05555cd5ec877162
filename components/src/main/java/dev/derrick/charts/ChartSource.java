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

    /**
     * What a release names as its chart: the chart's name in a repository, or, for a chart its publisher serves only
     * from an OCI registry ({@code oci://...} upstream) and no mirror is set, the full OCI reference (Helm takes no
     * repository then).
     */
    public String chart(PinnedChart chart) {
        return mirror == null && chart.isOci() ? chart.upstreamRepo() + "/" + chart.name() : chart.name();
    }

    /** The release's repository options (a chart repository: upstream or the mirror). */
    public RepositoryOptsArgs repositoryOpts(PinnedChart chart) {
        return RepositoryOptsArgs.builder().repo(repository(chart)).build();
    }

    /**
     * Names {@code chart} on a release: its reference, version and repository; an OCI reference without a mirror names
     * its registry itself, so it gets no repository options.
     */
    public com.pulumi.kubernetes.helm.v3.ReleaseArgs.Builder release(PinnedChart chart, com.pulumi.kubernetes.helm.v3.ReleaseArgs.Builder b) {
        b.chart(chart(chart)).version(chart.version());
        if (mirror != null || !chart.isOci()) {
            b.repositoryOpts(repositoryOpts(chart));
        }
        return b;
    }
}
