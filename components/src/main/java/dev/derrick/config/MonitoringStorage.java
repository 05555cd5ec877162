package dev.derrick.config;

/**
 * Where Prometheus keeps its data ({@code derrick:monitoring.storage}): on a volume claim, so samples and alert state
 * survive a restart or a move to another node. The StorageClass is the cluster's {@code storageClass} (default: the
 * cluster's default class).
 *
 * @param enabled default true; false keeps the data in the pod (lost with it)
 * @param size    a Kubernetes quantity; default {@value #DEFAULT_SIZE}
 */
public record MonitoringStorage(Boolean enabled, String size) {
    public static final String DEFAULT_SIZE = "50Gi";

    public MonitoringStorage {
        enabled = enabled == null ? Boolean.TRUE : enabled;
        size = size == null ? DEFAULT_SIZE : size;
    }
}
