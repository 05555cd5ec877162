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
}
