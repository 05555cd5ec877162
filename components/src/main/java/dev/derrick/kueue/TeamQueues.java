package dev.derrick.kueue;

import dev.derrick.config.ClusterSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The ClusterQueue and LocalQueue specs of a team (kueue.x-k8s.io/v1beta2). */
public final class TeamQueues {
    public static final String GPU_RESOURCE = "nvidia.com/gpu";
    /** The label on every team namespace; its value is the team. */
    public static final String TEAM_LABEL = "derrick.dev/kueue-team";

    private TeamQueues() {
    }

    /**
     * A team's ClusterQueue: its namespaces only, the cluster's cohort, CPU and memory on {@value KueueFlavors#DEFAULT_FLAVOR},
     * and {@code nvidia.com/gpu} on every GPU flavor (quota 0 where the team has none, so it can still borrow idle GPUs
     * there within its borrowing limit), with lending limits capped at the quota.
     */
    public static Map<String, Object> clusterQueueSpec(ClusterSpec c, TeamSpec team, List<GpuFlavor> flavors) {
        var spec = new LinkedHashMap<String, Object>();
        spec.put("namespaceSelector", Map.of("matchExpressions", List.of(Map.of(
                "key", "kubernetes.io/metadata.name", "operator", "In", "values", team.namespaces()))));
        spec.put("cohortName", c.kueue().cohortOf(c.name()));
        spec.put("preemption", Map.of("reclaimWithinCohort", team.reclaimWithinCohort(), "withinClusterQueue", team.withinClusterQueue()));
        Map<String, Object> cpuMemory = Map.of("coveredResources", List.of("cpu", "memory"), "flavors", List.of(Map.of(
                "name", KueueFlavors.DEFAULT_FLAVOR,
                "resources", List.of(Map.of("name", "cpu", "nominalQuota", team.cpu()), Map.of("name", "memory", "nominalQuota", team.memory())))));
        Map<String, Integer> quotas = TeamQuotas.perPool(c, team);
        var gpuFlavors = new ArrayList<Map<String, Object>>();
        for (GpuFlavor f : flavors) {
            int nominal = quotas.getOrDefault(f.name(), 0);
            var resource = new LinkedHashMap<String, Object>();
            resource.put("name", GPU_RESOURCE);
            resource.put("nominalQuota", nominal);
            if (team.borrowingLimit() != null) {
                resource.put("borrowingLimit", team.borrowingLimit());
            }
            if (team.lendingLimit() != null) {
                resource.put("lendingLimit", Math.min(team.lendingLimit(), nominal));
            }
            gpuFlavors.add(Map.of("name", f.name(), "resources", List.of(resource)));
        }
        var groups = new ArrayList<Map<String, Object>>();
        groups.add(cpuMemory);
        if (!gpuFlavors.isEmpty()) {
            groups.add(Map.of("coveredResources", List.of(GPU_RESOURCE), "flavors", gpuFlavors));
        }
        spec.put("resourceGroups", groups);
        return spec;
    }

    /** The LocalQueue of a team namespace: named after the team, pointing at its ClusterQueue. */
    public static Map<String, Object> localQueueSpec(TeamSpec team) {
        return Map.of("clusterQueue", team.name());
    }
}
