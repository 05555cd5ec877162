package dev.derrick.config;

/**
 * The monitoring stack Derrick installs on every cluster ({@code derrick:monitoring}): Prometheus,
 * Alertmanager and Grafana (kube-prometheus-stack), NVIDIA dcgm-exporter on GPU nodes, GPU
 * dashboards and GPU alert rules whose thresholds come from here.
 *
 * @param enabled                            default true
 * @param retention                          how long Prometheus keeps samples, a Prometheus duration
 *                                           such as {@code 15d} or {@code 12h}; default {@value #DEFAULT_RETENTION}
 * @param resources                          Prometheus and Grafana sizes; defaults in {@link MonitoringResources}
 * @param gpuIdleMinutes                     {@code GpuIdle} fires when a pool's busiest GPU stayed idle this
 *                                           long; default 60
 * @param gpuTemperatureThresholdCelsius     {@code GpuTemperatureHigh} above this (°C, for 5 minutes); default 85
 * @param gpuMemoryUsedThresholdPercent      {@code GpuMemoryNearFull} above this share of framebuffer used
 *                                           (for 15 minutes); default 95
 * @param gpuIdleUtilizationThresholdPercent a GPU below this utilisation counts as idle; default 5
 * @param storage                            Prometheus's data on a volume claim (survives restarts and
 *                                           rescheduling); default on, {@value MonitoringStorage#DEFAULT_SIZE}, in the
 *                                           cluster's {@code storageClass}
 */
public record MonitoringSpec(
        Boolean enabled,
        String retention,
        MonitoringResources resources,
        Integer gpuIdleMinutes,
        Integer gpuTemperatureThresholdCelsius,
        Integer gpuMemoryUsedThresholdPercent,
        Integer gpuIdleUtilizationThresholdPercent,
        MonitoringStorage storage) {

    public static final String DEFAULT_RETENTION = "15d";

    public MonitoringSpec {
        enabled = enabled == null ? Boolean.TRUE : enabled;
        retention = retention == null ? DEFAULT_RETENTION : retention;
        resources = resources == null ? new MonitoringResources(null, null) : resources;
        gpuIdleMinutes = gpuIdleMinutes == null ? 60 : gpuIdleMinutes;
        gpuTemperatureThresholdCelsius = gpuTemperatureThresholdCelsius == null ? 85 : gpuTemperatureThresholdCelsius;
        gpuMemoryUsedThresholdPercent = gpuMemoryUsedThresholdPercent == null ? 95 : gpuMemoryUsedThresholdPercent;
        gpuIdleUtilizationThresholdPercent = gpuIdleUtilizationThresholdPercent == null ? 5 : gpuIdleUtilizationThresholdPercent;
        storage = storage == null ? new MonitoringStorage(null, null) : storage;
    }

    public MonitoringSpec(Boolean enabled, String retention, MonitoringResources resources, Integer gpuIdleMinutes,
                          Integer gpuTemperatureThresholdCelsius, Integer gpuMemoryUsedThresholdPercent,
                          Integer gpuIdleUtilizationThresholdPercent) {
        this(enabled, retention, resources, gpuIdleMinutes, gpuTemperatureThresholdCelsius, gpuMemoryUsedThresholdPercent,
                gpuIdleUtilizationThresholdPercent, null);
    }

    /** Every default: what a stack without {@code derrick:monitoring} gets. */
    public static MonitoringSpec defaults() {
        return new MonitoringSpec(null, null, null, null, null, null, null, null);
    }
}
