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
     * The {@code chart} a release names: the chart's name in a (mirror or upstream) chart repository, or the full
     * reference of a chart published only to an OCI registry ({@code oci://<registry>/<path>/<name>}).
     */
    public String chart(PinnedChart chart) {
        return mirror == null && chart.oci() ? chart.upstreamRepo() + "/" + chart.name() : chart.name();
    }

    /** The release's repository options: the chart repository; none for an OCI reference (it names its registry). */
    public RepositoryOptsArgs repositoryOpts(PinnedChart chart) {
        if (mirror == null && chart.oci()) {
            return RepositoryOptsArgs.builder().build();
        }
        return RepositoryOptsArgs.builder().repo(repository(chart)).build();
    }
}
