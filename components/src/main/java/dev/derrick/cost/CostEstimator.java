package dev.derrick.cost;

import dev.derrick.karpenter.KarpenterPools;
import java.util.Comparator;
import java.util.List;

import dev.derrick.catalog.Catalog;
import dev.derrick.catalog.CloudCatalog;
import dev.derrick.catalog.InstanceType;
import dev.derrick.config.CapacityType;
import dev.derrick.config.ClusterSpec;
import dev.derrick.config.NodePoolSpec;
import dev.derrick.config.StackConfig;
import dev.derrick.config.Target;
import dev.derrick.config.internal.NodeReader;

import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prices every node pool from the catalog: on-demand list price per node-hour in the catalog's
 * reference region, spot at the catalog's documented discount assumption, reserved at list
 * price (commitments are account-level billing, not something a stack can know). Pools whose
 * instance type is not in the catalog are listed unpriced rather than guessed. On-prem pools are
 * owned machines: no cloud price ({@value #ONPREM_INSTANCE_TYPE}, capacity {@value #OWNED}, 0 USD per
 * hour), but their declared GPUs count in the GPU totals and the GPU budget.
 */
public final class CostEstimator {
    /** What the instance-type column shows for on-prem pools. */
    public static final String ONPREM_INSTANCE_TYPE = "on-prem";
    /** The capacity of on-prem pools: bought, not rented. */
    public static final String OWNED = "owned";

    private CostEstimator() {
    }

    public static CostReport estimate(StackConfig config, Catalog catalog) {
        var pools = new ArrayList<PoolCost>();
        Map<String, Double> spot = new TreeMap<>();
        for (ClusterSpec c : config.clusters()) {
            String cloud = NodeReader.token(c.target());
            CloudCatalog cc = catalog.cloud(cloud).orElse(null);
            for (NodePoolSpec p : c.nodePools()) {
                if (c.target() == Target.ONPREM) {
                    pools.add(new PoolCost(c.name(), p.name(), cloud, ONPREM_INSTANCE_TYPE, p.accelerator(),
                            p.isGpu() && p.gpusPerNode() != null ? p.gpusPerNode() : 0, p.min(), p.max(), OWNED, 0.0, 0.0, null));
                    continue;
                }
                if (cc != null && KarpenterPools.isKarpenter(c, p)) {
                    pools.add(karpenter(c, p, cc, KarpenterPools.types(p, catalog), spot));
                    continue;
                }
                InstanceType t = cc == null ? null : catalog.pick(cloud, p.accelerator(), p.gpusPerNode(), p.machineType()).orElse(null);
                Double onDemand = t == null ? null : t.onDemandUsdPerHour();
                Double unit = onDemand;
                if (onDemand != null && p.capacity() == CapacityType.SPOT) {
                    unit = onDemand * (1 - cc.spotDiscount());
                    spot.put(cloud, cc.spotDiscount());
                }
                pools.add(new PoolCost(c.name(), p.name(), cloud, t != null ? t.name() : p.machineType(), p.accelerator(),
                        t != null ? t.gpus() : (p.gpusPerNode() == null ? 0 : p.gpusPerNode()), p.min(), p.max(),
                        NodeReader.token(p.capacity()), onDemand, unit, t != null ? t.source() : null));
            }
        }
        return new CostReport(pools, spot, CostReport.HOURS_PER_MONTH);
    }

    /**
     * A Karpenter pool: priced at its dearest node (the dearest allowed type; on-demand when spot-preferred falls back),
     * which the budgets use, with its cheapest node (the cheapest type, at spot when spot comes first) beside it.
     */
    private static PoolCost karpenter(ClusterSpec c, NodePoolSpec p, CloudCatalog cc, List<InstanceType> types, Map<String, Double> spot) {
        String capacity = NodeReader.token(p.capacity());
        if (types.isEmpty()) {
            return new PoolCost(c.name(), p.name(), "aws", p.machineType(), p.accelerator(), p.gpusPerNode() == null ? 0 : p.gpusPerNode(),
                    p.min(), p.max(), capacity, null, null, null);
        }
        InstanceType dear = types.stream().max(Comparator.comparingDouble(InstanceType::onDemandUsdPerHour)).orElseThrow();
        InstanceType cheap = types.stream().min(Comparator.comparingDouble(InstanceType::onDemandUsdPerHour)).orElseThrow();
        double discount = 1 - cc.spotDiscount();
        boolean spotFirst = p.capacity() == CapacityType.SPOT || p.capacity() == CapacityType.SPOT_PREFERRED;
        if (spotFirst) {
            spot.put("aws", cc.spotDiscount());
        }
        double dearUnit = dear.onDemandUsdPerHour() * (p.capacity() == CapacityType.SPOT ? discount : 1);
        double cheapUnit = cheap.onDemandUsdPerHour() * (spotFirst ? discount : 1);
        PoolCost.Cheapest cheapest = cheap == dear && cheapUnit == dearUnit ? null
                : new PoolCost.Cheapest(cheap.name(), cheap.gpus(), cheapUnit, spotFirst ? "spot" : capacity);
        return new PoolCost(c.name(), p.name(), "aws", dear.name(), p.accelerator(), dear.gpus(), p.min(), p.max(),
                p.capacity() == CapacityType.SPOT_PREFERRED ? "spot>on-demand" : capacity, dear.onDemandUsdPerHour(), dearUnit, dear.source(), cheapest);
    }
}
