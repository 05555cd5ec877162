package dev.derrick.serving;

import dev.derrick.config.ClusterSpec;
import dev.derrick.config.NodePoolSpec;
import dev.derrick.config.ObjectStoreSpec;
import dev.derrick.config.StackConfig;
import dev.derrick.identity.IdentityRules;
import dev.derrick.config.internal.Names;
import dev.derrick.config.internal.NodeReader;
import dev.derrick.config.internal.RuleSink;
import dev.derrick.kueue.TeamSpec;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules of a cluster's {@code serving:} block. Every finding is an error (exit 2): a model store the cluster's
 * workload identity cannot reach, a GPU runtime with no GPU pool to run on, namespaces that are not the user's.
 */
public final class ServingRules {
    /** Namespaces Kubernetes or a Derrick component own: InferenceServices there would run beside controllers. */
    static final Set<String> RESERVED_NAMESPACES = Set.of("default", "kube-system", "kube-public", "kube-node-lease", Serving.NAMESPACE,
            Serving.CERT_MANAGER_NAMESPACE, "gpu-operator", "monitoring", "kueue-system", "jobset-system", "kuberay-system");

    private ServingRules() {
    }

    public static void check(StackConfig config, ClusterSpec c, String clusterPath, RuleSink out) {
        ServingSpec s = c.serving();
        if (!s.enabled()) {
            return;
        }
        String path = clusterPath + ".serving";
        store(config, c, path, out);
        if (s.gpuRuntime() && c.gpuPools().isEmpty()) {
            out.add(path + ".gpuRuntime", "the GPU serving runtime needs a GPU pool, and this cluster has none", "true",
                    "add a GPU pool (accelerator: ...) to the cluster, or set gpuRuntime: false and bring your own runtime");
        }
        List<String> gpuPools = c.gpuPools().stream().map(NodePoolSpec::name).toList();
        for (int i = 0; i < s.pools().size(); i++) {
            String name = s.pools().get(i);
            String at = path + ".pools[" + i + "]";
            if (!s.gpuRuntime()) {
                out.add(at, "pools choose where the GPU runtime runs, and gpuRuntime is false", q(name), "remove pools, or set gpuRuntime: true");
            } else if (gpuPools.contains(name)) {
                continue;
            } else if (c.nodePools().stream().anyMatch(p -> p.name().equals(name))) {
                out.add(at, "names a CPU pool: the GPU runtime requests a GPU, so it would never schedule there", q(name),
                        "use one of the cluster's GPU pools: " + String.join(", ", gpuPools));
            } else {
                out.add(at, "the cluster has no pool of this name", q(name),
                        gpuPools.isEmpty() ? "remove pools" : "use one of the cluster's GPU pools: " + String.join(", ", gpuPools));
            }
        }
        Set<String> teamNamespaces = new HashSet<>();
        if (c.kueue().enabled()) {
            c.kueue().teams().forEach((TeamSpec t) -> teamNamespaces.addAll(t.namespaces()));
        }
        var seen = new HashSet<String>();
        for (int i = 0; i < s.namespaces().size(); i++) {
            String ns = s.namespaces().get(i);
            String at = path + ".namespaces[" + i + "]";
            String bad = Names.dnsLabel(ns, 63);
            if (bad != null) {
                out.add(at, "not a valid namespace name: " + bad, q(ns), "use lowercase letters, digits and '-', e.g. serving");
            } else if (RESERVED_NAMESPACES.contains(ns)) {
                out.add(at, "namespace " + ns + " belongs to Kubernetes or a Derrick component, not to InferenceServices", q(ns),
                        "use a namespace of your own, e.g. serving");
            } else if (teamNamespaces.contains(ns)) {
                out.add(at, "namespace is a Kueue team namespace, which Derrick already creates for the team", q(ns),
                        "serve from a namespace of its own, e.g. " + ns + "-serving");
            } else if (!seen.add(ns)) {
                out.add(at, "duplicate namespace", q(ns), "list each namespace once");
            }
        }
    }

    private static void store(StackConfig config, ClusterSpec c, String path, RuleSink out) {
        String name = c.serving().modelStore();
        List<ObjectStoreSpec> sameCloud = config.objectStores().stream().filter(st -> reachable(c, st)).toList();
        String offer = sameCloud.isEmpty()
                ? "add an object store on " + NodeReader.token(c.target()) + " under derrick:objectStores and name it here"
                : "use one of the stores the cluster reaches: " + String.join(", ", sameCloud.stream().map(ObjectStoreSpec::name).toList());
        if (name == null) {
            out.add(path + ".modelStore", "required value is missing: the store InferenceServices pull models from", null, offer);
            return;
        }
        ObjectStoreSpec store = config.objectStores().stream().filter(st -> name.equals(st.name())).findFirst().orElse(null);
        if (store == null) {
            out.add(path + ".modelStore", "no object store of this name in derrick:objectStores", q(name), offer);
        } else {
            IdentityRules.problem(c, store).ifPresent(p -> out.add(path + ".modelStore", "store " + name + " " + p, q(name), offer));
        }
    }

    /** Whether cluster {@code c}'s workloads reach store {@code s} with the cluster's workload identity. */
    static boolean reachable(ClusterSpec c, ObjectStoreSpec s) {
        return IdentityRules.problem(c, s).isEmpty();
    }

    private static String q(String s) {
        return s == null ? null : "\"" + s + "\"";
    }
}
