package dev.derrick.kueue;

import dev.derrick.catalog.Catalog;
import dev.derrick.config.ClusterSpec;
import dev.derrick.config.NodePoolSpec;
import dev.derrick.config.StackConfig;
import dev.derrick.cost.CostReport;
import dev.derrick.cost.PoolCost;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Each team's GPU share at full quota, priced from the cost report's pool prices: a pool's node-hour price split
 * evenly over the {@code nvidia.com/gpu} its nodes advertise (MIG instances and time-slicing shares split it further).
 * CPU and memory quotas are not priced: they run on whatever node the pod lands on, mostly the GPU nodes already counted.
 */
public final class TeamShares {
    private TeamShares() {
    }

    /** One line per team and pool it has a nonzero quota on, in cluster, team and pool order. */
    public static List<TeamShare> of(StackConfig config, CostReport cost, Catalog catalog) {
        var out = new ArrayList<TeamShare>();
        for (ClusterSpec c : config.clusters()) {
            if (!c.kueue().enabled()) {
                continue;
            }
            for (TeamSpec team : c.kueue().teams()) {
                for (Map.Entry<String, Integer> q : TeamQuotas.perPool(c, team).entrySet()) {
                    if (q.getValue() <= 0) {
                        continue;
                    }
                    NodePoolSpec pool = c.nodePools().stream().filter(p -> p.name().equals(q.getKey())).findFirst().orElseThrow();
                    PoolGpus gpus = PoolGpus.of(c, pool, catalog);
                    if (gpus == null) {
                        continue;
                    }
                    PoolCost price = cost.pools().stream().filter(p -> p.cluster().equals(c.name()) && p.pool().equals(pool.name())).findFirst().orElse(null);
                    Double perUnit = price == null || !price.priced() ? null : price.usdPerNodeHour() / gpus.unitsPerNode();
                    out.add(new TeamShare(c.name(), team.name(), pool.name(), q.getValue(), gpus.unit(), gpus.unitsAtMax(), perUnit));
                }
            }
        }
        return out;
    }
}
