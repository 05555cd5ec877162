package dev.derrick.catalog;

import java.util.List;
import java.util.Optional;

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

    public Optional<InstanceType> find(String name) {
        return instanceTypes.stream().filter(t -> t.name().equals(name)).findFirst()
                .or(() -> cpuInstanceTypes.stream().filter(t -> t.name().equals(name)).findFirst());
    }

    public List<InstanceType> offering(String accelerator) {
        return instanceTypes.stream().filter(t -> accelerator.equals(t.accelerator())).toList();
    }
}
