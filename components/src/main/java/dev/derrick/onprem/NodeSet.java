package dev.derrick.onprem;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.Node;
import com.pulumi.kubernetes.core.v1.NodePatch;
import com.pulumi.kubernetes.core.v1.NodePatchArgs;
import com.pulumi.kubernetes.core.v1.inputs.NodeSpecPatchArgs;
import com.pulumi.kubernetes.core.v1.inputs.TaintPatchArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaPatchArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.derrick.config.NodePoolSpec;
import dev.derrick.config.Taint;
import dev.derrick.kubernetes.internal.KubernetesObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A pool of existing on-prem nodes: Derrick gives them the pool's labels (the same as cloud pools get:
 * {@code derrick.dev/pool}, {@code derrick.dev/accelerator}, {@code nvidia.com/gpu.present}, ..., and the GPU
 * operator's sharing labels) and taints (the GPU taint on GPU pools).
 *
 * <ul>
 *   <li>{@code nodes: [...]}: one server-side apply patch per node ({@code NodePatch}, field manager Pulumi's).
 *       Labels are owned key by key. A node's taints are one atomic list in the Node API (NodeSpec.taints has no
 *       list-map merge key; kubernetes/kubernetes#128866 would change that): whoever writes it last owns all of it, and
 *       a routine {@code kubectl cordon} (the node controller then adds {@code node.kubernetes.io/unschedulable}) takes
 *       it from Pulumi, so a plain apply of the pool's taints would conflict on every later {@code pulumi up}, and a
 *       forced one would remove the cordon's and the node lifecycle's taints. So each node is read first
 *       ({@code Node.get}), and the patch declares the node's live taints, with the pool's taints put in place of any
 *       of the same key and effect and the taints Derrick set before (annotation {@value #TAINTS_ANNOTATION}) and no
 *       longer wants dropped; it is applied with {@code pulumi.com/patchForce}. Other managers' taints (cordon,
 *       not-ready, a user's own) are written back as they are, {@code timeAdded} included. Removing the pool releases
 *       the fields.</li>
 *   <li>{@code nodeSelector: {...}}: the nodes are not known before the cluster is asked, and the Kubernetes provider
 *       4.0.0 has no list call, so a DaemonSet on the selected nodes labels and taints its own node with
 *       {@code kubectl label/taint --overwrite} (which merges taints by key) in init containers, then idles. New nodes
 *       that match are labelled when they join. Its labels stay on the nodes when the pool is removed.</li>
 * </ul>
 */
public final class NodeSet extends ComponentResource {
    public static final String TYPE = "derrick:onprem:NodeSet";
    /** kubectl for the labeller: the Kubernetes project's own image (no shell; kubectl is the whole image). */
    public static final String KUBECTL_IMAGE = "registry.k8s.io/kubectl:v1.32.9";
    /** The container that keeps a labeller pod (and so its DaemonSet slot) alive once the init containers ran. */
    public static final String PAUSE_IMAGE = "registry.k8s.io/pause:3.10";

    /** Annotation on each named node: the taints ({@code key:effect}, comma-separated) Derrick put there. */
    public static final String TAINTS_ANNOTATION = "derrick.dev/taints";

    /** The resources that carry the pool's labels and taints: what GPU software on the nodes waits for. */
    public final List<Resource> applied;

    /**
     * @param gpusPerNode     GPUs per node declared for the pool; null for CPU pools
     * @param labellerAccount the service account allowed to patch nodes (only needed with {@code nodeSelector})
     */
    public NodeSet(String name, NodePoolSpec pool, Integer gpusPerNode, String labellerAccount, ComponentResourceOptions options) {
        super(TYPE, name, options);
        SortedMap<String, String> labels = labels(pool, gpusPerNode);
        var applied = new ArrayList<Resource>();
        if (pool.nodes() != null) {
            List<Taint> taints = pool.nodeTaints();
            for (String node : pool.nodes()) {
                var child = CustomResourceOptions.builder().parent(this).build();
                var meta = ObjectMetaPatchArgs.builder().name(node).labels(labels);
                var patch = NodePatchArgs.builder();
                if (!taints.isEmpty()) {
                    // The node as it is now: its taints are merged, not replaced (see the class comment). A pool
                    // without taints leaves the node's taint list alone.
                    var live = Node.get(name + "-" + node + "-live", Output.of(node), child);
                    Output<List<TaintPatchArgs>> merged = Output.tuple(live.spec(), live.metadata()).applyValue(t -> mergedTaints(
                            t.t1 == null ? List.of() : t.t1.taints().stream().map(NodeSet::fromLive).toList(),
                            t.t2 == null ? Map.of() : t.t2.annotations(), taints).stream().map(NodeSet::toPatch).toList());
                    var annotations = new TreeMap<String, String>();
                    annotations.put(TAINTS_ANNOTATION, String.join(",", taints.stream().map(NodeSet::taintId).toList()));
                    annotations.put("pulumi.com/patchForce", "true");
                    meta.annotations(annotations);
                    patch.spec(NodeSpecPatchArgs.builder().taints(merged).build());
                }
                applied.add(new NodePatch(name + "-" + node, patch.metadata(meta.build()).build(), child));
            }
        } else {
            applied.add(new KubernetesObject(name + "-labeller", "apps/v1", "DaemonSet",
                    ObjectMetaArgs.builder().name("derrick-labeller-" + pool.name()).namespace(ExistingCluster.SYSTEM_NAMESPACE)
                            .labels(Map.of("app.kubernetes.io/managed-by", "derrick")).build(),
                    labellerSpec(pool, labels, labellerAccount), CustomResourceOptions.builder().parent(this).build()));
        }
        this.applied = List.copyOf(applied);
        registerOutputs(Map.of());
    }

    /** A taint as the node has it: {@code timeAdded} kept (NoExecute taints carry it). */
    record LiveTaint(String key, String value, String effect, String timeAdded) {
    }

    private static LiveTaint fromLive(com.pulumi.kubernetes.core.v1.outputs.Taint t) {
        return new LiveTaint(t.key(), t.value().orElse(null), t.effect(), t.timeAdded().orElse(null));
    }

    private static TaintPatchArgs toPatch(LiveTaint t) {
        var b = TaintPatchArgs.builder().key(t.key()).effect(t.effect());
        if (t.value() != null) {
            b.value(t.value());
        }
        if (t.timeAdded() != null) {
            b.timeAdded(t.timeAdded());
        }
        return b.build();
    }

    private static String taintId(Taint t) {
        return t.key() + ":" + t.effect();
    }

    /**
     * The taint list to apply to a node: its live taints in their order, each of the pool's taints in place of a live
     * one with the same key and effect (or appended), and the taints Derrick set before ({@code annotations}'
     * {@value #TAINTS_ANNOTATION}) that the pool no longer has left out. Other taints stay as they are.
     */
    static List<LiveTaint> mergedTaints(List<LiveTaint> live, Map<String, String> annotations, List<Taint> pool) {
        var wanted = new java.util.LinkedHashMap<String, Taint>();
        pool.forEach(t -> wanted.put(taintId(t), t));
        var before = new java.util.HashSet<String>();
        String previous = annotations == null ? null : annotations.get(TAINTS_ANNOTATION);
        if (previous != null && !previous.isBlank()) {
            before.addAll(List.of(previous.split(",")));
        }
        var out = new ArrayList<LiveTaint>();
        var placed = new java.util.HashSet<String>();
        for (LiveTaint t : live) {
            String id = t.key() + ":" + t.effect();
            Taint mine = wanted.get(id);
            if (mine != null) {
                if (placed.add(id)) {
                    out.add(new LiveTaint(mine.key(), mine.value(), mine.effect(), null));
                }
            } else if (!before.contains(id)) {
                out.add(t);
            }
        }
        wanted.forEach((id, t) -> {
            if (placed.add(id)) {
                out.add(new LiveTaint(t.key(), t.value(), t.effect(), null));
            }
        });
        return out;
    }

    /** The labels and taints the node set writes on its nodes. */
    public static dev.derrick.kubernetes.NodeShape nodeShape(NodePoolSpec pool, Integer gpusPerNode) {
        return new dev.derrick.kubernetes.NodeShape(labels(pool, gpusPerNode), pool.nodeTaints());
    }

    /** The pool's node labels and its GPU operator labels. */
    static SortedMap<String, String> labels(NodePoolSpec pool, Integer gpusPerNode) {
        var out = new TreeMap<>(pool.nodeLabels(gpusPerNode));
        out.putAll(pool.gpuOperatorLabels());
        return out;
    }

    /** A DaemonSet on the selected nodes whose init containers label and taint the node they run on. */
    static Map<String, Object> labellerSpec(NodePoolSpec pool, SortedMap<String, String> labels, String serviceAccount) {
        var app = Map.of("app.kubernetes.io/name", "derrick-labeller", "derrick.dev/labeller-pool", pool.name());
        var env = List.of(Map.of("name", "NODE_NAME", "valueFrom", Map.of("fieldRef", Map.of("fieldPath", "spec.nodeName"))));
        var init = new ArrayList<Map<String, Object>>();
        // $(NODE_NAME) is expanded by the kubelet: the image has no shell.
        var labelArgs = new ArrayList<>(List.of("label", "node", "$(NODE_NAME)", "--overwrite"));
        labels.forEach((k, v) -> labelArgs.add(k + "=" + v));
        init.add(container("label", KUBECTL_IMAGE, labelArgs, env));
        if (!pool.nodeTaints().isEmpty()) {
            var taintArgs = new ArrayList<>(List.of("taint", "node", "$(NODE_NAME)", "--overwrite"));
            pool.nodeTaints().forEach(t -> taintArgs.add(t.kubectlForm()));
            init.add(container("taint", KUBECTL_IMAGE, taintArgs, env));
        }
        var podSpec = new LinkedHashMap<String, Object>();
        podSpec.put("serviceAccountName", serviceAccount);
        podSpec.put("nodeSelector", new TreeMap<>(pool.nodeSelector()));
        // It must run on the nodes it taints, whatever their taints already are.
        podSpec.put("tolerations", List.of(Map.of("operator", "Exists")));
        podSpec.put("priorityClassName", "system-node-critical");
        podSpec.put("initContainers", init);
        podSpec.put("containers", List.of(container("pause", PAUSE_IMAGE, null, null)));
        return Map.of(
                "selector", Map.of("matchLabels", app),
                "template", Map.of("metadata", Map.of("labels", app), "spec", podSpec));
    }

    private static Map<String, Object> container(String name, String image, List<String> args, List<?> env) {
        var c = new LinkedHashMap<String, Object>();
        c.put("name", name);
        c.put("image", image);
        if (args != null) {
            c.put("command", List.of("kubectl"));
            c.put("args", List.copyOf(args));
        }
        if (env != null) {
            c.put("env", env);
        }
        c.put("resources", Map.of("requests", Map.of("cpu", "10m", "memory", "32Mi"), "limits", Map.of("memory", "64Mi")));
        return c;
    }
}
