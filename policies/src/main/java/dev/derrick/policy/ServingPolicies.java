package dev.derrick.policy;

import dev.derrick.config.ClusterSpec;
import dev.derrick.config.NodePoolSpec;
import dev.derrick.kubernetes.MonitoringStack;
import dev.derrick.plan.Plan;
import dev.derrick.plan.PlannedResource;
import dev.derrick.serving.Serving;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Policies of clusters with model serving ({@code serving:}). */
final class ServingPolicies {
    static final String CLUSTER_RUNTIME = "kubernetes:serving.kserve.io/v1alpha1:ClusterServingRuntime";
    static final String RUNTIME = "kubernetes:serving.kserve.io/v1alpha1:ServingRuntime";
    static final String GPU = "nvidia.com/gpu";
    static final String ACCELERATOR_LABEL = "derrick.dev/accelerator";

    private ServingPolicies() {
    }

    static List<Policy> all() {
        return List.of(new Policy("serving-runtime-gpu-on-gpu-pools", "A serving runtime that requests GPUs can only be scheduled onto the "
                + "cluster's GPU pools (node selector or required node affinity on their pool or accelerator labels)",
                Enforcement.MANDATORY, true, ServingPolicies::gpuRuntimeOnGpuPools));
    }

    /**
     * Over the plan, each serving runtime of a Serving component as rendered: when a container requests or limits
     * {@value #GPU}, its node selector, or every term of its required node affinity, must pin it to GPU pools of that
     * cluster. A runtime that may land on any node holds a GPU request no CPU node can satisfy (pods pending) or, where
     * the GPU taint is tolerated, competes for nodes meant for training.
     */
    static List<Violation> gpuRuntimeOnGpuPools(PolicyContext ctx) {
        var out = new ArrayList<Violation>();
        Plan plan = ctx.plan();
        for (PlannedResource serving : plan.ofType(Serving.TYPE)) {
            ClusterSpec c = ctx.config().clusters().stream().filter(x -> Serving.componentName(x.name()).equals(serving.name())).findFirst().orElse(null);
            if (c == null) {
                continue;
            }
            Set<String> gpuPools = c.gpuPools().stream().map(NodePoolSpec::name).collect(Collectors.toSet());
            Set<String> accelerators = c.gpuPools().stream().map(NodePoolSpec::accelerator).collect(Collectors.toSet());
            Set<String> all = c.nodePools().stream().map(NodePoolSpec::name).collect(Collectors.toSet());
            for (PlannedResource r : plan.childrenOf(serving.urn())) {
                if (!r.type().equals(CLUSTER_RUNTIME) && !r.type().equals(RUNTIME)) {
                    continue;
                }
                Map<String, Object> spec = map(r.inputs().get("spec"));
                if (!requestsGpus(spec)) {
                    continue;
                }
                String where = landsOnlyOnGpuPools(spec, gpuPools, accelerators);
                if (where != null) {
                    out.add(new Violation(r.urn(), "runtime " + Plan.get(r.inputs(), "metadata.name") + " requests " + GPU + " but " + where
                            + " (cluster " + c.name() + " has GPU pools " + String.join(", ", gpuPools.stream().sorted().toList())
                            + (all.size() > gpuPools.size() ? " and CPU pools " + String.join(", ", all.stream().filter(p -> !gpuPools.contains(p)).sorted().toList()) : "") + ")",
                            "select the GPU pools: required node affinity " + MonitoringStack.POOL_NODE_LABEL + " In [" + String.join(", ",
                                    gpuPools.stream().sorted().toList()) + "] (Derrick's runtime does this from serving.pools)"));
                }
            }
        }
        return out;
    }

    static boolean requestsGpus(Map<String, Object> spec) {
        var containers = new ArrayList<Object>(list(spec.get("containers")));
        containers.addAll(list(map(spec.get("workerSpec")).get("containers")));
        for (Object o : containers) {
            Map<String, Object> resources = map(map(o).get("resources"));
            for (String kind : List.of("requests", "limits")) {
                Object n = map(resources.get(kind)).get(GPU);
                if (n != null && !String.valueOf(n).equals("0")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Null when the runtime's scheduling constraints admit only GPU pools; else where else it could land. */
    static String landsOnlyOnGpuPools(Map<String, Object> spec, Set<String> gpuPools, Set<String> accelerators) {
        Map<String, Object> selector = map(spec.get("nodeSelector"));
        Object pool = selector.get(MonitoringStack.POOL_NODE_LABEL);
        Object accelerator = selector.get(ACCELERATOR_LABEL);
        if (pool != null && gpuPools.contains(String.valueOf(pool)) || accelerator != null && accelerators.contains(String.valueOf(accelerator))) {
            return null;
        }
        if (pool != null) {
            return "its node selector names pool " + pool + ", which is not a GPU pool";
        }
        List<Object> terms = list(map(map(map(spec.get("affinity")).get("nodeAffinity")).get("requiredDuringSchedulingIgnoredDuringExecution"))
                .get("nodeSelectorTerms"));
        if (terms.isEmpty()) {
            return "neither its node selector nor a required node affinity keeps it off non-GPU nodes";
        }
        for (Object term : terms) {
            boolean pinned = false;
            for (Object e : list(map(term).get("matchExpressions"))) {
                Map<String, Object> m = map(e);
                Set<String> allowed = MonitoringStack.POOL_NODE_LABEL.equals(m.get("key")) ? gpuPools
                        : ACCELERATOR_LABEL.equals(m.get("key")) ? accelerators : null;
                List<Object> values = list(m.get("values"));
                if (allowed != null && "In".equals(m.get("operator")) && !values.isEmpty() && values.stream().allMatch(v -> allowed.contains(String.valueOf(v)))) {
                    pinned = true;
                }
            }
            if (!pinned) {
                return "a node affinity term lets it land outside the GPU pools: " + term;
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return o instanceof List<?> l ? (List<Object>) l : List.of();
    }
}
