package dev.derrick.charts;

/**
 * A Helm chart Derrick installs, at the one version it is tested with.
 *
 * @param name         the chart's name in its repository
 * @param version      the exact chart version; a copy of its sources is vendored under
 *                     {@code charts/vendor/<name>-<version>/} (with a SOURCE file) and the tests render it
 * @param upstreamRepo the chart repository its publisher serves it from, or the OCI registry path ({@code oci://...})
 */
public record PinnedChart(String name, String version, String upstreamRepo) {
    /** Whether the publisher serves it from an OCI registry ({@code oci://host/path}) rather than a chart repository. */
    public boolean isOci() {
        return upstreamRepo.startsWith("oci://");
    }

    /** The folder of its vendored sources, relative to the project root. */
    public String vendoredDir() {
        return "charts/vendor/" + name + "-" + version;
    }
}
