package dev.derrick.kubernetes;

import dev.derrick.config.Taint;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a node pool really puts on its nodes: the labels and taints as the pool's component renders them on its cloud
 * (GKE's GPU taint value {@code present}, AKS's own spot taint, the GPU operator labels where the operator runs). Each
 * pool component answers it with one static {@code nodeShape} function, from the same code that writes its node group,
 * so whatever schedules onto a pool (Kueue's ResourceFlavors) matches the nodes and not a second copy of the rules.
 *
 * @param labels node labels, sorted by key
 * @param taints node taints, in the order the pool declares them
 */
public record NodeShape(SortedMap<String, String> labels, List<Taint> taints) {
    public NodeShape {
        labels = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(labels));
        taints = List.copyOf(taints);
    }

    /**
     * One toleration per taint, matching key, value and effect exactly ({@code operator: Equal}): what a workload meant
     * for these nodes (a Kueue flavor, a serving runtime) carries to land there, and nothing broader.
     */
    public List<java.util.Map<String, String>> tolerations() {
        var out = new java.util.ArrayList<java.util.Map<String, String>>();
        for (Taint t : taints) {
            var tol = new java.util.LinkedHashMap<String, String>();
            tol.put("key", t.key());
            tol.put("operator", "Equal");
            tol.put("value", t.value());
            tol.put("effect", t.effect());
            out.add(java.util.Collections.unmodifiableMap(tol));
        }
        return List.copyOf(out);
    }
}
