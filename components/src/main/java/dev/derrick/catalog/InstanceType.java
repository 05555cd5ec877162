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
 * @param fabric             its GPU fabric (EFA interfaces), with its own source; null when none is recorded
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
        Source source,
        Fabric fabric) {

    /** The most EFA interfaces the type takes; 0 when the catalog records none. */
    public int efaInterfaces() {
        return fabric != null && Fabric.EFA.equals(fabric.kind()) ? fabric.interfaces() : 0;
    }

    /** The extra GPU networks of a GCP GPUDirect type (A3); 0 when the catalog records none. */
    public int gpuDirectNetworks() {
        return fabric != null && fabric.gpuDirect() ? fabric.interfaces() : 0;
    }

    public boolean isGpu() {
        return accelerator != null && gpus > 0;
    }
}
