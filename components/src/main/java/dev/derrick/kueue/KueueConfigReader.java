package dev.derrick.kueue;

import dev.derrick.config.internal.NodeReader;

import java.util.LinkedHashMap;
import java.util.Map;

/** Binds a cluster's {@code kueue:} block; the loader calls it, the rules in {@link KueueRules} check the result. */
public final class KueueConfigReader {
    private KueueConfigReader() {
    }

    public static KueueSpec read(NodeReader r) {
        return new KueueSpec(r.bool("enabled"), r.string("cohort", false, null), r.bool("jobset"), r.bool("kuberay"), r.bool("trainer"),
                r.list("teams", false, null, KueueConfigReader::team));
    }

    private static TeamSpec team(NodeReader t) {
        String name = t.string("name", true, "give the team a name, e.g. name: research");
        Map<String, Integer> gpus = null;
        NodeReader g = t.object("gpus");
        if (g != null) {
            gpus = new LinkedHashMap<>();
            // Keys are the user's accelerators or pools: read each as an integer, report type errors per key.
            for (String k : g.keys()) {
                gpus.put(k, g.integer(k, false, null));
            }
            g.finish();
        }
        return new TeamSpec(name, t.strings("namespaces"), gpus, quantity(t, "cpu"), quantity(t, "memory"),
                t.integer("borrowingLimit", false, null), t.integer("lendingLimit", false, null),
                t.string("reclaimWithinCohort", false, null), t.string("withinClusterQueue", false, null));
    }

    /** A quantity may be written as a number ({@code cpu: 64}) or a string ({@code memory: 512Gi}). */
    private static String quantity(NodeReader t, String name) {
        return t.string(name, false, null);
    }
}
