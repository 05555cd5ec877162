package dev.derrick.kueue;

import dev.derrick.config.ClusterSpec;
import dev.derrick.config.NodePoolSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place a team's {@code gpus} keys become pools: a key names a GPU pool, or an accelerator the cluster has
 * exactly one pool of. Used by the rules, the queues and the cost report alike.
 */
public final class TeamQuotas {
    private TeamQuotas() {
    }

    /** The pools a key can mean in {@code c}: the pool of that name, else the GPU pools of that accelerator. */
    public static List<NodePoolSpec> poolsOf(ClusterSpec c, String key) {
        var named = c.gpuPools().stream().filter(p -> p.name().equals(key)).toList();
        if (!named.isEmpty()) {
            return named;
        }
        return c.gpuPools().stream().filter(p -> key.equals(p.accelerator())).toList();
    }

    /** Pool name to the team's nominal quota on it, for every key that resolves to one pool (the rules report the rest). */
    public static Map<String, Integer> perPool(ClusterSpec c, TeamSpec team) {
        var out = new LinkedHashMap<String, Integer>();
        team.gpus().forEach((key, n) -> {
            List<NodePoolSpec> pools = poolsOf(c, key);
            if (pools.size() == 1 && n != null) {
                out.merge(pools.get(0).name(), n, Integer::sum);
            }
        });
        return out;
    }
}
