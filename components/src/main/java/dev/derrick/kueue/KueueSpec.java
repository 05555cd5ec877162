package dev.derrick.kueue;

import java.util.List;

/**
 * {@code kueue:} of a cluster: Kueue and the teams that share the cluster's GPUs. Off unless the cluster has a
 * {@code kueue:} block; a block without {@code enabled} turns it on.
 *
 * @param enabled whether Kueue is installed; default true when the block is given, false when it is absent
 * @param cohort  the cohort every team's ClusterQueue joins, so idle quota can be borrowed; default: the cluster's name
 * @param jobset  install JobSet (its jobs queue through Kueue); default false
 * @param kuberay install the KubeRay operator (RayJob and RayCluster queue through Kueue); default false
 * @param trainer install Kubeflow Trainer (TrainJob queues through Kueue) and its {@code torch-distributed}
 *                ClusterTrainingRuntime; implies JobSet, which runs its jobs; default false
 * @param teams   one ClusterQueue per team, with a LocalQueue in each of its namespaces; at least one when enabled
 */
public record KueueSpec(Boolean enabled, String cohort, Boolean jobset, Boolean kuberay, Boolean trainer, List<TeamSpec> teams) {
    /** A cluster without a {@code kueue:} block. */
    public static final KueueSpec OFF = new KueueSpec(false, null, false, false, false, List.of());

    public KueueSpec {
        enabled = enabled == null ? Boolean.TRUE : enabled;
        jobset = jobset == null ? Boolean.FALSE : jobset;
        kuberay = kuberay == null ? Boolean.FALSE : kuberay;
        trainer = trainer == null ? Boolean.FALSE : trainer;
        teams = teams == null ? List.of() : List.copyOf(teams);
    }

    /** The cohort of the teams of cluster {@code cluster}. */
    public String cohortOf(String cluster) {
        return cohort != null ? cohort : cluster;
    }

    /** Whether JobSet is installed: asked for, or needed by Kubeflow Trainer (a TrainJob runs as a JobSet). */
    public boolean runsJobSet() {
        return jobset || trainer;
    }
}
