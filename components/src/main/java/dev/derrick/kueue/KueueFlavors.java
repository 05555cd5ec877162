package dev.derrick.kueue;

import dev.derrick.catalog.Catalog;
import dev.derrick.config.ClusterSpec;
import dev.derrick.config.NodePoolSpec;
import dev.derrick.kubernetes.NodeShape;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Derives a cluster's ResourceFlavors from what its GPU pools put on their nodes. The pools answer with their
 * {@link NodeShape} (each pool component's {@code nodeShape}, the code that also writes the node group), so a flavor
 * selects and tolerates exactly what the nodes carry on that cloud: GKE's GPU taint value {@code present}, AKS's spot
 * taint, custom taints.
 */
public final class KueueFlavors {
    /** The flavor of CPU and memory quotas: no node labels, any node. */
    public static final String DEFAULT_FLAVOR = "default-flavor";
    /** The node labels a flavor selects on: the pool, and (for readers of the node) its accelerator. */
    static final List<String> SELECTING_LABELS = List.of("derrick.dev/pool", "derrick.dev/accelerator");

    private KueueFlavors() {
    }

    /**
     * One flavor per GPU pool whose GPU count is known, in pool order.
     *
     * @param shapes what each pool renders on its nodes
     */
    public static List<GpuFlavor> of(ClusterSpec c, Catalog catalog, Function<NodePoolSpec, NodeShape> shapes) {
        var out = new ArrayList<GpuFlavor>();
        for (NodePoolSpec pool : c.gpuPools()) {
            PoolGpus gpus = PoolGpus.of(c, pool, catalog);
            if (gpus == null) {
                continue;
            }
            out.add(flavor(pool, gpus, shapes.apply(pool)));
        }
        return out;
    }

    static GpuFlavor flavor(NodePoolSpec pool, PoolGpus gpus, NodeShape shape) {
        var labels = new TreeMap<String, String>();
        for (String key : SELECTING_LABELS) {
            String v = shape.labels().get(key);
            if (v == null) {
                throw new IllegalStateException("pool " + pool.name() + " renders no " + key + " label: a flavor could not select its nodes");
            }
            labels.put(key, v);
        }
        return new GpuFlavor(pool.name(), gpus, labels, shape.tolerations());
    }
}
