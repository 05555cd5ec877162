package dev.derrick.cost;

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
}
