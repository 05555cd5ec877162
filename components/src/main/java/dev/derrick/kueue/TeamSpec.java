package dev.derrick.kueue;

import java.util.List;
import java.util.Map;

/**
 * One team of {@code kueue.teams}: a ClusterQueue named after the team, and a LocalQueue of the same name in each of
 * its namespaces.
 *
 * @param name               the team; a DNS label (it names the ClusterQueue and the default namespace)
 * @param namespaces         the team's namespaces (created by Derrick, each with a LocalQueue); default: {@code [name]}
 * @param gpus               GPUs the team is guaranteed (nominal quota), keyed by accelerator (catalog key, e.g.
 *                           {@code h100-80gb}) or, where a cluster has several pools of one accelerator, by pool name.
 *                           Units are what the pool's nodes advertise as {@code nvidia.com/gpu}: whole GPUs, MIG
 *                           instances on MIG pools, time-slicing replicas on shared pools
 * @param cpu                CPU quota for the team's pods on any node (Kubernetes quantity, e.g. {@code "64"}); required:
 *                           a pod's CPU request must fit a quota to be admitted
 * @param memory             memory quota, e.g. {@code 512Gi}; required for the same reason
 * @param borrowingLimit     GPUs per pool the team may borrow from its cohort beyond its quota; default: no limit
 *                           (Kueue's default)
 * @param lendingLimit       GPUs per pool of its quota the team lends to the cohort when idle; default: all of it
 * @param reclaimWithinCohort whether the team preempts borrowers to get its quota back: {@code Never}, {@code LowerPriority}
 *                           or {@code Any}; default {@code Any} (a quota is a guarantee)
 * @param withinClusterQueue whether a pending job preempts the team's own lower-priority jobs: {@code Never} or
 *                           {@code LowerPriority}; default {@code LowerPriority}
 */
public record TeamSpec(String name, List<String> namespaces, Map<String, Integer> gpus, String cpu, String memory, Integer borrowingLimit,
                       Integer lendingLimit, String reclaimWithinCohort, String withinClusterQueue) {
    public static final List<String> RECLAIM = List.of("Never", "LowerPriority", "Any");
    public static final List<String> WITHIN = List.of("Never", "LowerPriority");

    public TeamSpec {
        namespaces = namespaces == null || namespaces.isEmpty() ? (name == null ? List.of() : List.of(name)) : List.copyOf(namespaces);
        gpus = gpus == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(gpus));
        reclaimWithinCohort = reclaimWithinCohort == null ? "Any" : reclaimWithinCohort;
        withinClusterQueue = withinClusterQueue == null ? "LowerPriority" : withinClusterQueue;
    }

    /** GPUs of all the team's quotas. */
    public int totalGpus() {
        return gpus.values().stream().mapToInt(v -> v == null ? 0 : v).sum();
    }
}
