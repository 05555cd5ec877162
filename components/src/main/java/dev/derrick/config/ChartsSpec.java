package dev.derrick.config;

/**
 * Where Derrick's Helm releases get their charts ({@code derrick:charts}).
 *
 * @param repository one Helm chart repository (http or https URL, no credentials) that serves every chart
 *                   Derrick installs at its pinned version: a mirror for air-gapped clusters or a proxy
 *                   repository. Default: each chart's upstream repository. See docs/CHART-MIRROR.md.
 */
public record ChartsSpec(String repository) {
    public static final ChartsSpec UPSTREAM = new ChartsSpec(null);
}
