package dev.derrick.policy;

import dev.derrick.config.ClusterSpec;
import dev.derrick.config.NodePoolSpec;
import dev.derrick.karpenter.KarpenterPools;
import dev.derrick.karpenter.KarpenterSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Policies over Karpenter pools (dev.derrick.karpenter). */
final class KarpenterPolicies {
    /** The shortest consolidation delay a production GPU pool may have: a node outlives the gap between two jobs. */
    static final long MIN_CONSOLIDATE_AFTER_SECONDS = 5 * 60;
    private static final Pattern PART = Pattern.compile("([0-9]+)(s|m|h)");

    private KarpenterPolicies() {
    }

    static List<Policy> all() {
        return List.of(new Policy("prod-gpu-pools-disruption-safe",
                "Production Karpenter GPU pools wait at least 5 minutes before consolidating a node and have a disruption budget, so "
                        + "training jobs are not evicted mid-run", Enforcement.MANDATORY, false, KarpenterPolicies::disruptionSafe));
    }

    static List<Violation> disruptionSafe(PolicyContext ctx) {
        var out = new ArrayList<Violation>();
        if (!ctx.isProd()) {
            return out;
        }
        var clusters = ctx.config().clusters();
        for (int i = 0; i < clusters.size(); i++) {
            ClusterSpec c = clusters.get(i);
            for (int j = 0; j < c.nodePools().size(); j++) {
                NodePoolSpec p = c.nodePools().get(j);
                if (!p.isGpu() || !KarpenterPools.isKarpenter(c, p)) {
                    continue;
                }
                String path = "derrick:clusters[" + i + "].nodePools[" + j + "].karpenter (" + c.name() + "/" + p.name() + ")";
                KarpenterSpec k = KarpenterPools.settings(p);
                Long after = seconds(k.consolidateAfter());
                if (after != null && after < MIN_CONSOLIDATE_AFTER_SECONDS) {
                    out.add(new Violation(path, "consolidateAfter " + k.consolidateAfter() + " removes a GPU node moments after a job ends or "
                            + "while it looks underutilized", "set consolidateAfter: 30m (or longer, or Never)"));
                }
                if (k.budgets().isEmpty()) {
                    out.add(new Violation(path, "no disruption budget: Karpenter's default lets it disrupt 10% of the pool's nodes at any time",
                            "add budgets: [{nodes: \"0\", reasons: [Underutilized, Drifted]}] (or a schedule that allows disruption off-hours)"));
                }
            }
        }
        return out;
    }

    /** Seconds of a Karpenter duration ({@code 1h30m}); null for {@code Never} or a malformed value (validation reports those). */
    static Long seconds(String duration) {
        if (duration == null || duration.equals("Never") || !duration.matches("([0-9]+(s|m|h))+")) {
            return null;
        }
        long total = 0;
        Matcher m = PART.matcher(duration);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total += switch (m.group(2)) {
                case "h" -> n * 3600;
                case "m" -> n * 60;
                default -> n;
            };
        }
        return total;
    }
}
