package dev.derrick.config;

/**
 * Sizes of the monitoring stack's workloads ({@code derrick:monitoring.resources}).
 *
 * @param prometheus default {@value #PROMETHEUS_CPU} CPU, {@value #PROMETHEUS_MEMORY} memory
 *                   (about 1 million active series; GPU clusters of a few dozen nodes stay well below)
 * @param grafana    default {@value #GRAFANA_CPU} CPU, {@value #GRAFANA_MEMORY} memory
 */
public record MonitoringResources(ContainerSize prometheus, ContainerSize grafana) {
    public static final String PROMETHEUS_CPU = "500m";
    public static final String PROMETHEUS_MEMORY = "2Gi";
    public static final String GRAFANA_CPU = "100m";
    public static final String GRAFANA_MEMORY = "256Mi";

    public MonitoringResources {
        prometheus = (prometheus == null ? new ContainerSize(null, null) : prometheus)
                .orDefaults(new ContainerSize(PROMETHEUS_CPU, PROMETHEUS_MEMORY));
        grafana = (grafana == null ? new ContainerSize(null, null) : grafana)
                .orDefaults(new ContainerSize(GRAFANA_CPU, GRAFANA_MEMORY));
    }
}
