package dev.derrick.config;

/**
 * CPU and memory for one monitoring workload: both become Kubernetes requests, and memory is also
 * the limit (a Prometheus that outgrows its memory is restarted instead of starving its node).
 *
 * @param cpu    Kubernetes CPU quantity, e.g. {@code 500m} or {@code 2}; default: the workload's
 * @param memory Kubernetes memory quantity, e.g. {@code 2Gi}; default: the workload's
 */
public record ContainerSize(String cpu, String memory) {
    /** This size with absent fields taken from {@code defaults}. */
    public ContainerSize orDefaults(ContainerSize defaults) {
        return new ContainerSize(cpu == null ? defaults.cpu() : cpu, memory == null ? defaults.memory() : memory);
    }
}
