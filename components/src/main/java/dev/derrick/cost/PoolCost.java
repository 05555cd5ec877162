package dev.derrick.cost;

import dev.derrick.catalog.Source;

/**
 * The cost of one node pool at its min and max size.
 *
 * @param cluster           cluster name
 * @param pool              pool name
 * @param cloud             aws, gcp, azure, onprem
 * @param instanceType      the instance type, or null when not priced
 * @param accelerator       GPU catalog key, or null for CPU pools
 * @param gpusPerNode       GPUs per node (0 for CPU pools)
 * @param min               min nodes
 * @param max               max nodes
 * @param capacity          on-demand, spot, reserved
 * @param onDemandUsdPerHour on-demand list price per node-hour; null when not in the catalog
 * @param usdPerNodeHour    price per node-hour after the capacity discount (spot); null when not priced
 * @param source            where the price comes from; null when not priced
 * @param cheapest          a Karpenter pool that may launch several types (or buy spot before on-demand): the cheapest
 *                          node it may launch; then {@code instanceType} and the prices above are the dearest one, which
 *                          the budgets use. Null for a pool with one type and one price.
 */
public record PoolCost(String cluster, String pool, String cloud, String instanceType, String accelerator, int gpusPerNode,
                       int min, int max, String capacity, Double onDemandUsdPerHour, Double usdPerNodeHour, Source source, Cheapest cheapest) {

    /** The cheapest node of a pool whose nodes differ: its type, GPUs and price per node-hour (after the capacity discount). */
    public record Cheapest(String instanceType, int gpusPerNode, double usdPerNodeHour, String capacity) {
    }

    public PoolCost(String cluster, String pool, String cloud, String instanceType, String accelerator, int gpusPerNode,
                    int min, int max, String capacity, Double onDemandUsdPerHour, Double usdPerNodeHour, Source source) {
        this(cluster, pool, cloud, instanceType, accelerator, gpusPerNode, min, max, capacity, onDemandUsdPerHour, usdPerNodeHour, source, null);
    }

    public boolean priced() {
        return usdPerNodeHour != null;
    }

    /** USD per hour at min scale; 0 when not {@link #priced()} (sums only: show such a pool as unpriced). */
    public double hourlyAtMin() {
        return priced() ? usdPerNodeHour * min : 0;
    }

    public double hourlyAtMax() {
        return priced() ? usdPerNodeHour * max : 0;
    }

    public double onDemandHourlyAtMax() {
        return onDemandUsdPerHour == null ? 0 : onDemandUsdPerHour * max;
    }

    public int gpusAtMin() {
        return gpusPerNode * min;
    }

    public int gpusAtMax() {
        return gpusPerNode * max;
    }
}
