package dev.derrick.catalog;

/**
 * A machine type a cloud sells, with its list price in the cloud's reference region.
 *
 * @param name               the cloud's name, e.g. {@code p5.48xlarge}
 * @param accelerator        catalog key of its GPU; null for CPU types
 * @param acceleratorType    the cloud's own accelerator name where it needs one (GCP guest accelerators)
 * @param gpus               GPUs per instance (0 for CPU types)
 * @param vcpus              vCPUs
 * @param memoryGiB          memory
 * @param onDemandUsdPerHour on-demand Linux list price, USD per hour
 * @param region             region of the price when it is not the reference region, else null
 * @param source             where the figures come from
 */
public record InstanceType(
        String name,
        String accelerator,
        String acceleratorType,
        int gpus,
        int vcpus,
        double memoryGiB,
        double onDemandUsdPerHour,
        String region,
        Source source) {

    public boolean isGpu() {
        return accelerator != null && gpus > 0;
    }
}
