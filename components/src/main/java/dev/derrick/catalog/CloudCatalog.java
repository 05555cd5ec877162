package dev.derrick.catalog;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What one cloud offers.
 *
 * @param cloud            aws, gcp, azure
 * @param referenceRegion  the region list prices are quoted for
 * @param regions          region codes the cloud has
 * @param spotDiscount     assumed fraction saved by spot vs on-demand (a documented assumption)
 * @param spotSource       where that assumption comes from
 * @param instanceTypes    GPU instance types
 * @param cpuInstanceTypes CPU instance types for system pools
 */
public record CloudCatalog(
        String cloud,
        String referenceRegion,
        List<String> regions,
        double spotDiscount,
        Source spotSource,
        List<InstanceType> instanceTypes,
        List<InstanceType> cpuInstanceTypes) {

    /**
     * Every entry named {@code name}, fewest GPUs first. A machine type that takes attached GPUs
     * (GCP N1 with T4s) has one entry per GPU count it accepts, so a name alone does not pick one.
     */
    public List<InstanceType> named(String name) {
        return Stream.concat(instanceTypes.stream(), cpuInstanceTypes.stream())
                .filter(t -> t.name().equals(name))
                .sorted(Comparator.comparingInt(InstanceType::gpus))
                .toList();
    }

    /**
     * The entry of machine type {@code name} for a pool: with {@code accelerator}, the entry
     * carrying that GPU with {@code gpus} of them (the fewest when {@code gpus} is null); without,
     * a CPU entry (an N1 type is then a plain CPU machine, its GPU entries do not count).
     */
    public Optional<InstanceType> find(String name, String accelerator, Integer gpus) {
        return named(name).stream()
                .filter(t -> accelerator == null ? !t.isGpu() : accelerator.equals(t.accelerator()))
                .filter(t -> accelerator == null || gpus == null || t.gpus() == gpus)
                .findFirst();
    }

    public List<InstanceType> offering(String accelerator) {
        return instanceTypes.stream().filter(t -> accelerator.equals(t.accelerator())).toList();
    }
}
