package dev.derrick.policy;

import dev.derrick.config.ClusterSpec;
import dev.derrick.config.NodePoolSpec;
import dev.derrick.config.Taint;
import dev.derrick.config.CapacityType;
import dev.derrick.config.internal.NodeReader;
import dev.derrick.cost.PoolCost;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Policies over the stack config alone: they also run inside the Pulumi program. */
final class SpecPolicies {
    private SpecPolicies() {
    }

    static List<Policy> all() {
        return List.of(
                new Policy("gpu-pools-tainted", "GPU pools carry the nvidia.com/gpu NoSchedule taint, so only GPU workloads land on GPU nodes",
                        Enforcement.MANDATORY, false, SpecPolicies::gpuPoolsTainted),
                new Policy("dev-gpu-uses-spot", "GPU pools in dev run on spot capacity",
                        Enforcement.MANDATORY, false, SpecPolicies::devGpuUsesSpot),
                new Policy("gpu-budget", "GPUs at max scale stay within derrick:policy.budget.maxGpus",
                        Enforcement.MANDATORY, false, SpecPolicies::gpuBudget),
                new Policy("hourly-budget", "USD per hour at max scale stays within derrick:policy.budget.maxHourlyUsd",
                        Enforcement.MANDATORY, false, SpecPolicies::hourlyBudget),
                new Policy("allowed-regions", "Clusters, stores and registries are in derrick:policy.allowedRegions (when set)",
                        Enforcement.MANDATORY, false, SpecPolicies::allowedRegions),
                new Policy("kubernetes-version-supported", "Cluster Kubernetes versions are in the provider's standard support window ("
                        + KubernetesSupport.SOURCE + ")", Enforcement.MANDATORY, false, SpecPolicies::kubernetesSupported));
    }

    private interface PoolCheck {
        void check(String path, ClusterSpec cluster, NodePoolSpec pool, List<Violation> out);
    }

    private static List<Violation> eachPool(PolicyContext ctx, PoolCheck check) {
        var out = new ArrayList<Violation>();
        var clusters = ctx.config().clusters();
        for (int i = 0; i < clusters.size(); i++) {
            var pools = clusters.get(i).nodePools();
            for (int j = 0; j < pools.size(); j++) {
                check.check("derrick:clusters[" + i + "].nodePools[" + j + "] (" + clusters.get(i).name() + "/" + pools.get(j).name() + ")",
                        clusters.get(i), pools.get(j), out);
            }
        }
        return out;
    }

    static List<Violation> gpuPoolsTainted(PolicyContext ctx) {
        return eachPool(ctx, (path, c, p, out) -> {
            // Judge the taints the nodes get, not the flag: gpuTaint: false plus an own nvidia.com/gpu taint (another value) is tainted.
            boolean tainted = p.nodeTaints().stream().anyMatch(t -> Taint.GPU.key().equals(t.key())
                    && ("NoSchedule".equals(t.effect()) || "NoExecute".equals(t.effect())));
            if (p.isGpu() && !tainted) {
                out.add(new Violation(path, "GPU pool has no nvidia.com/gpu NoSchedule taint" + (p.gpuTaint() ? "" : " (gpuTaint: false)")
                        + ": CPU pods will fill expensive GPU nodes",
                        p.gpuTaint() ? "add a taint {key: nvidia.com/gpu, effect: NoSchedule}" : "remove gpuTaint: false, or add a taint {key: nvidia.com/gpu, effect: NoSchedule}"));
            }
        });
    }

    static List<Violation> devGpuUsesSpot(PolicyContext ctx) {
        if (!"dev".equals(ctx.config().environment())) {
            return List.of();
        }
        return eachPool(ctx, (path, c, p, out) -> {
            // spot-preferred (Karpenter pools) buys spot first and falls back to on-demand only when spot has no capacity.
            if (p.isGpu() && p.capacity() != CapacityType.SPOT && p.capacity() != CapacityType.SPOT_PREFERRED
                    && !"onprem".equals(NodeReader.token(c.target()))) {
                out.add(new Violation(path, "GPU pool in dev runs " + NodeReader.token(p.capacity()), "set capacity: spot (or spot-preferred on a Karpenter pool)"));
            }
        });
    }

    static List<Violation> gpuBudget(PolicyContext ctx) {
        Integer max = ctx.config().policy().maxGpus();
        int gpus = ctx.cost().gpusAtMax();
        if (max == null || gpus <= max) {
            return List.of();
        }
        return List.of(new Violation("derrick:clusters", gpus + " GPUs at max scale exceed the budget of " + max,
                "lower max on GPU pools or raise derrick:policy.budget.maxGpus"));
    }

    static List<Violation> hourlyBudget(PolicyContext ctx) {
        Double max = ctx.config().policy().maxHourlyUsd();
        if (max == null) {
            return List.of();
        }
        var out = new ArrayList<Violation>();
        double hourly = ctx.cost().hourlyAtMax();
        if (hourly > max) {
            out.add(new Violation("derrick:clusters", String.format(Locale.ROOT, "$%.2f/h at max scale exceeds the budget of $%.2f/h", hourly, max),
                    "lower max on the priciest pools, use spot, or raise derrick:policy.budget.maxHourlyUsd"));
        }
        for (PoolCost p : ctx.cost().pools()) {
            if (!p.priced() && p.max() > 0) {
                out.add(new Violation(p.cluster() + "/" + p.pool(), "instance type " + p.instanceType() + " has no catalog price, so the budget cannot be checked",
                        "use a catalogued type (./derrick catalog) or add it to the catalog with its source"));
            }
        }
        return out;
    }

    static List<Violation> allowedRegions(PolicyContext ctx) {
        var allowed = ctx.config().policy().allowedRegions();
        if (allowed.isEmpty()) {
            return List.of();
        }
        var out = new ArrayList<Violation>();
        var cfg = ctx.config();
        for (int i = 0; i < cfg.clusters().size(); i++) {
            check(out, "derrick:clusters[" + i + "].region", cfg.clusters().get(i).region(), allowed);
        }
        for (int i = 0; i < cfg.objectStores().size(); i++) {
            check(out, "derrick:objectStores[" + i + "].region", cfg.objectStores().get(i).region(), allowed);
        }
        for (int i = 0; i < cfg.registries().size(); i++) {
            check(out, "derrick:registries[" + i + "].region", cfg.registries().get(i).region(), allowed);
        }
        return out;
    }

    private static void check(List<Violation> out, String path, String region, List<String> allowed) {
        if (region != null && !allowed.contains(region)) {
            out.add(new Violation(path, "region " + region + " is not allowed " + allowed, "move it to an allowed region"));
        }
    }

    static List<Violation> kubernetesSupported(PolicyContext ctx) {
        var out = new ArrayList<Violation>();
        var clusters = ctx.config().clusters();
        for (int i = 0; i < clusters.size(); i++) {
            ClusterSpec c = clusters.get(i);
            String cloud = NodeReader.token(c.target());
            if (!"aws".equals(cloud)) {
                continue; // GKE release channels and AKS have their own calendars; no dated table for them yet
            }
            String path = "derrick:clusters[" + i + "].kubernetesVersion (" + c.name() + ")";
            var end = KubernetesSupport.endOfStandardSupport(cloud, c.kubernetesVersion());
            LocalDate today = ctx.today();
            if (end.isEmpty()) {
                boolean newer = KubernetesSupport.compare(c.kubernetesVersion(), KubernetesSupport.newest()) > 0;
                out.add(new Violation(path, "version " + c.kubernetesVersion() + (newer ? " is newer than" : " is older than") + " Derrick's EKS support table",
                        newer ? "check that EKS offers it, then add it to KubernetesSupport with its dates" : "upgrade to " + KubernetesSupport.newest()));
            } else if (today.isAfter(end.get())) {
                out.add(new Violation(path, "version " + c.kubernetesVersion() + " left EKS standard support on " + end.get() + " (extended support costs extra)",
                        "upgrade to " + KubernetesSupport.newest()));
            }
        }
        return out;
    }
}
