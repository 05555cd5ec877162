package dev.derrick.kueue;

import dev.derrick.catalog.Catalog;
import dev.derrick.config.ClusterSpec;
import dev.derrick.config.NodePoolSpec;
import dev.derrick.config.internal.Names;
import dev.derrick.config.internal.Quantities;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of a cluster's {@code kueue:} block. Every finding is an error (exit 2), including quotas beyond what the
 * pools reach at max scale: a nominal quota is what Kueue admits without asking anyone, so a sum above capacity admits
 * jobs whose pods then wait for nodes the autoscaler may not create, and one team's guarantee silently becomes another
 * team's pending pods. Over-commitment on purpose is what borrowing is for ({@code borrowingLimit}, {@code cohort}).
 */
public final class KueueRules {
    /** Namespaces Derrick or Kubernetes own: a team namespace there would put team jobs beside controllers. */
    static final Set<String> RESERVED_NAMESPACES = Set.of("default", "kube-system", "kube-public", "kube-node-lease", Kueue.NAMESPACE,
            "gpu-operator", "monitoring", KueueAddOns.JOBSET_NAMESPACE, KueueAddOns.KUBERAY_NAMESPACE);

    /** One problem: config path, what is wrong, the value as written, the fix. */
    public record Finding(String path, String problem, String value, String hint) {
    }

    private KueueRules() {
    }

    public static List<Finding> check(ClusterSpec c, String clusterPath, Catalog catalog) {
        var out = new ArrayList<Finding>();
        KueueSpec k = c.kueue();
        if (!k.enabled()) {
            return out;
        }
        String path = clusterPath + ".kueue";
        if (c.gpuPools().isEmpty()) {
            out.add(new Finding(path, "Kueue divides GPU pools between teams, and this cluster has none", null,
                    "add a GPU pool (accelerator: ...) or remove kueue"));
            return out;
        }
        if (k.cohort() != null && Names.dnsLabel(k.cohort(), 63) != null) {
            out.add(new Finding(path + ".cohort", Names.dnsLabel(k.cohort(), 63), q(k.cohort()), "use a DNS-style name, e.g. cohort: ml"));
        }
        if (k.teams().isEmpty()) {
            out.add(new Finding(path + ".teams", "required value is missing: Kueue without teams queues nothing", null,
                    "add a team, e.g. teams: [{name: research, gpus: {" + c.gpuPools().get(0).accelerator() + ": 8}, cpu: \"64\", memory: 512Gi}]"));
        }
        if (c.gpuPools().stream().anyMatch(p -> p.name().equals(KueueFlavors.DEFAULT_FLAVOR))) {
            out.add(new Finding(clusterPath + ".nodePools", "a GPU pool named " + KueueFlavors.DEFAULT_FLAVOR + " clashes with Kueue's CPU and memory flavor",
                    q(KueueFlavors.DEFAULT_FLAVOR), "rename the pool"));
        }
        var teamNames = new HashSet<String>();
        var namespaceOwner = new HashMap<String, String>();
        // pool -> team -> quota, for the capacity rule
        var byPool = new LinkedHashMap<String, Map<String, Integer>>();
        for (int i = 0; i < k.teams().size(); i++) {
            TeamSpec t = k.teams().get(i);
            String tp = path + ".teams[" + i + "]";
            if (t.name() != null) {
                String bad = Names.dnsLabel(t.name(), 63);
                if (bad != null) {
                    out.add(new Finding(tp + ".name", "not a valid namespace name: " + bad, q(t.name()),
                            "use lowercase letters, digits and '-', e.g. name: vision-research"));
                } else if (!teamNames.add(t.name())) {
                    out.add(new Finding(tp + ".name", "duplicate team", q(t.name()), "give every team its own name"));
                }
            }
            for (int n = 0; n < t.namespaces().size(); n++) {
                String ns = t.namespaces().get(n);
                String np = t.namespaces().size() == 1 && (t.name() != null && ns.equals(t.name())) ? tp + ".name" : tp + ".namespaces[" + n + "]";
                String bad = Names.dnsLabel(ns, 63);
                if (bad != null) {
                    if (!np.endsWith(".name")) {
                        out.add(new Finding(np, "not a valid namespace name: " + bad, q(ns), "use lowercase letters, digits and '-'"));
                    }
                } else if (RESERVED_NAMESPACES.contains(ns)) {
                    out.add(new Finding(np, "namespace " + ns + " belongs to Kubernetes or a Derrick component, not a team", q(ns),
                            "give the team its own namespace, e.g. namespaces: [" + (t.name() == null ? "team" : t.name()) + "-jobs]"));
                } else if (namespaceOwner.containsKey(ns) && !namespaceOwner.get(ns).equals(t.name())) {
                    out.add(new Finding(np, "namespace already belongs to team " + namespaceOwner.get(ns), q(ns),
                            "a namespace has one LocalQueue and so one team: pick another namespace"));
                } else {
                    namespaceOwner.put(ns, t.name());
                }
            }
            if (t.gpus().isEmpty()) {
                out.add(new Finding(tp + ".gpus", "required value is missing: a team without a GPU quota can only borrow", null,
                        "give the team GPUs per accelerator, e.g. gpus: {" + c.gpuPools().get(0).accelerator() + ": 8}"));
            }
            t.gpus().forEach((key, n) -> {
                String gp = tp + ".gpus." + key;
                if (n == null) {
                    return; // a type error, already reported
                }
                if (n < 0) {
                    out.add(new Finding(gp, "must not be negative", String.valueOf(n), "use 0 for a team that only borrows"));
                }
                List<NodePoolSpec> pools = TeamQuotas.poolsOf(c, key);
                if (pools.isEmpty()) {
                    var offered = new java.util.LinkedHashSet<String>();
                    c.gpuPools().forEach(p -> offered.add(p.accelerator()));
                    boolean cpuPool = c.nodePools().stream().anyMatch(p -> p.name().equals(key));
                    out.add(new Finding(gp, cpuPool ? "names a CPU pool: quotas here are GPUs" : "the cluster has no GPU pool of this accelerator", q(key),
                            "use one of the cluster's accelerators: " + String.join(", ", offered) + " (or add a pool of " + key + ")"));
                } else if (pools.size() > 1) {
                    out.add(new Finding(gp, "the cluster has " + pools.size() + " pools of " + key + " ("
                            + String.join(", ", pools.stream().map(NodePoolSpec::name).toList()) + "): a quota must say which", q(key),
                            "key the quota by pool name instead, e.g. gpus: {" + pools.get(0).name() + ": " + n + "}"));
                } else if (n >= 0) {
                    byPool.computeIfAbsent(pools.get(0).name(), x -> new LinkedHashMap<>()).merge(t.name() == null ? "?" : t.name(), n, Integer::sum);
                }
            });
            if (t.cpu() == null) {
                out.add(new Finding(tp + ".cpu", "required value is missing: without a CPU quota no pod of the team is admitted", null,
                        "set the team's CPU for all its pods, e.g. cpu: \"64\""));
            } else if (!Quantities.positiveCpu(t.cpu())) {
                out.add(new Finding(tp + ".cpu", "not a positive Kubernetes CPU quantity", q(t.cpu()), "use cores or millicores, e.g. cpu: \"64\""));
            }
            if (t.memory() == null) {
                out.add(new Finding(tp + ".memory", "required value is missing: without a memory quota no pod of the team is admitted", null,
                        "set the team's memory for all its pods, e.g. memory: 512Gi"));
            } else if (!Quantities.positiveMemory(t.memory())) {
                out.add(new Finding(tp + ".memory", "not a positive Kubernetes memory quantity with a unit", q(t.memory()), "use e.g. 512Gi"));
            }
            if (t.borrowingLimit() != null && t.borrowingLimit() < 0) {
                out.add(new Finding(tp + ".borrowingLimit", "must not be negative", String.valueOf(t.borrowingLimit()), "use 0 to forbid borrowing"));
            }
            if (t.lendingLimit() != null && t.lendingLimit() < 0) {
                out.add(new Finding(tp + ".lendingLimit", "must not be negative", String.valueOf(t.lendingLimit()), "use 0 to lend nothing"));
            }
            if (!TeamSpec.RECLAIM.contains(t.reclaimWithinCohort())) {
                out.add(new Finding(tp + ".reclaimWithinCohort", "unknown preemption policy", q(t.reclaimWithinCohort()),
                        "use " + String.join(", ", TeamSpec.RECLAIM)));
            }
            if (!TeamSpec.WITHIN.contains(t.withinClusterQueue())) {
                out.add(new Finding(tp + ".withinClusterQueue", "unknown preemption policy", q(t.withinClusterQueue()),
                        "use " + String.join(", ", TeamSpec.WITHIN)));
            }
        }
        byPool.forEach((poolName, teams) -> {
            int index = indexOf(c, poolName);
            NodePoolSpec pool = c.nodePools().get(index);
            PoolGpus gpus = PoolGpus.of(c, pool, catalog);
            int sum = teams.values().stream().mapToInt(Integer::intValue).sum();
            if (gpus != null && sum > gpus.unitsAtMax()) {
                var parts = new ArrayList<String>();
                teams.forEach((team, n) -> parts.add(team + "=" + n));
                int nodesNeeded = (sum + gpus.unitsPerNode() - 1) / gpus.unitsPerNode();
                out.add(new Finding(path + ".teams", "quotas on pool " + poolName + " sum to " + sum + " " + gpus.unit() + ", more than it reaches at max scale ("
                        + pool.max() + " nodes x " + gpus.unitsPerNode() + " = " + gpus.unitsAtMax() + ")", String.join(" + ", parts),
                        "lower the quotas, or raise " + clusterPath + ".nodePools[" + index + "].max to " + nodesNeeded
                                + "; to over-commit on purpose give teams a borrowingLimit instead"));
            }
        });
        return out;
    }

    private static int indexOf(ClusterSpec c, String pool) {
        for (int i = 0; i < c.nodePools().size(); i++) {
            if (c.nodePools().get(i).name().equals(pool)) {
                return i;
            }
        }
        throw new IllegalStateException("pool " + pool);
    }

    private static String q(String s) {
        return s == null ? null : "\"" + s + "\"";
    }
}
