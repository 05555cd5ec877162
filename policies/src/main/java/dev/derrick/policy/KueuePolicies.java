package dev.derrick.policy;

import dev.derrick.config.ClusterSpec;
import dev.derrick.kueue.Kueue;
import dev.derrick.kueue.TeamQueues;
import dev.derrick.kueue.TeamSpec;
import dev.derrick.plan.Plan;
import dev.derrick.plan.PlannedResource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Policies of clusters with team quotas ({@code kueue:}). */
final class KueuePolicies {
    static final String NAMESPACE = "kubernetes:core/v1:Namespace";
    static final String LOCAL_QUEUE = "kubernetes:kueue.x-k8s.io/v1beta2:LocalQueue";
    static final String CLUSTER_QUEUE = "kubernetes:kueue.x-k8s.io/v1beta2:ClusterQueue";

    private KueuePolicies() {
    }

    static List<Policy> all() {
        return List.of(
                new Policy("kueue-team-gpu-quota-in-prod", "In prod every team queue of a Kueue cluster is guaranteed GPUs (a nonzero quota)",
                        Enforcement.MANDATORY, false, KueuePolicies::teamGpuQuotaInProd),
                new Policy("kueue-team-namespace-queued", "Every team namespace of a Kueue cluster has a LocalQueue that feeds a ClusterQueue "
                        + "admitting that namespace", Enforcement.MANDATORY, true, KueuePolicies::teamNamespaceQueued));
    }

    /** A borrow-only team in prod competes for idle GPUs with no guarantee: its jobs wait behind every other team's. */
    static List<Violation> teamGpuQuotaInProd(PolicyContext ctx) {
        var out = new ArrayList<Violation>();
        if (!ctx.isProd()) {
            return out;
        }
        var clusters = ctx.config().clusters();
        for (int i = 0; i < clusters.size(); i++) {
            ClusterSpec c = clusters.get(i);
            if (!c.kueue().enabled()) {
                continue;
            }
            for (int t = 0; t < c.kueue().teams().size(); t++) {
                TeamSpec team = c.kueue().teams().get(t);
                if (team.totalGpus() <= 0) {
                    out.add(new Violation("derrick:clusters[" + i + "].kueue.teams[" + t + "] (" + c.name() + "/" + team.name() + ")",
                            "team has no GPU quota: in prod its jobs only run on GPUs other teams leave idle",
                            "give it a quota, e.g. gpus: {<accelerator>: 8}"));
                }
            }
        }
        return out;
    }

    /**
     * Over the plan: each namespace labelled {@value TeamQueues#TEAM_LABEL} has a LocalQueue of its team whose
     * ClusterQueue, in the same Kueue component, selects the namespace. A job in a namespace without one is rejected by
     * Kueue's webhook for naming a queue that does not exist, or runs unqueued when it names none.
     */
    static List<Violation> teamNamespaceQueued(PolicyContext ctx) {
        var out = new ArrayList<Violation>();
        Plan plan = ctx.plan();
        for (PlannedResource kueue : plan.ofType(Kueue.TYPE)) {
            List<PlannedResource> children = plan.childrenOf(kueue.urn());
            for (PlannedResource ns : children) {
                if (!ns.type().equals(NAMESPACE) || !(Plan.get(ns.inputs(), "metadata.labels") instanceof Map<?, ?> labels)
                        || !(labels.get(TeamQueues.TEAM_LABEL) instanceof String team)) {
                    continue;
                }
                Object name = Plan.get(ns.inputs(), "metadata.name");
                boolean queued = children.stream().anyMatch(lq -> lq.type().equals(LOCAL_QUEUE)
                        && name.equals(Plan.get(lq.inputs(), "metadata.namespace")) && team.equals(Plan.get(lq.inputs(), "spec.clusterQueue")));
                boolean admitted = children.stream().anyMatch(cq -> cq.type().equals(CLUSTER_QUEUE)
                        && team.equals(Plan.get(cq.inputs(), "metadata.name"))
                        && Plan.get(cq.inputs(), "spec.namespaceSelector.matchExpressions.0.values") instanceof List<?> values && values.contains(name));
                if (!queued || !admitted) {
                    out.add(new Violation(ns.urn(), !queued ? "team namespace " + name + " has no LocalQueue of team " + team
                            : "ClusterQueue " + team + " does not admit namespace " + name,
                            "list the namespace under the team's namespaces in kueue.teams, so Derrick creates its LocalQueue"));
                }
            }
        }
        return out;
    }
}
