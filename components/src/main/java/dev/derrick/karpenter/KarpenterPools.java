package dev.derrick.karpenter;

import dev.derrick.config.ClusterSpec;
import dev.derrick.config.NodePoolSpec;
import dev.derrick.config.Target;

import java.util.List;

/** Which pools of a cluster Karpenter provisions: the one rule every part of Derrick (components, cost, policies) asks. */
public final class KarpenterPools {
    private KarpenterPools() {
    }

    /**
     * What creates the nodes of {@code p} in cluster {@code c}: on aws the pool's {@code provisioner}, else Karpenter for
     * GPU pools and a managed node group for CPU pools; null off aws (GKE and AKS pools autoscale themselves).
     */
    public static Provisioner provisioner(ClusterSpec c, NodePoolSpec p) {
        if (c.target() != Target.AWS) {
            return null;
        }
        if (p.provisioner() != null) {
            return p.provisioner();
        }
        return p.isGpu() ? Provisioner.KARPENTER : Provisioner.NODE_GROUP;
    }

    public static boolean isKarpenter(ClusterSpec c, NodePoolSpec p) {
        return provisioner(c, p) == Provisioner.KARPENTER;
    }

    /** The pools of {@code c} that Karpenter provisions (none off aws). */
    public static List<NodePoolSpec> of(ClusterSpec c) {
        return c.nodePools().stream().filter(p -> isKarpenter(c, p)).toList();
    }

    /**
     * The instance types a validated Karpenter pool may launch ({@link InstanceChoice}), cheapest first: the one list
     * components, cost, monitoring and Kueue read. Empty only for a pool validation refuses.
     */
    public static java.util.List<dev.derrick.catalog.InstanceType> types(NodePoolSpec p, dev.derrick.catalog.Catalog catalog) {
        return catalog.cloud("aws").map(aws -> InstanceChoice.resolve(p, aws, (field, problem, value, hint) -> { })).orElse(List.of());
    }

    /** GPUs of the largest type the pool may launch (what its limits, panels and team shares are sized by); 0 when none. */
    public static int largestGpus(NodePoolSpec p, dev.derrick.catalog.Catalog catalog) {
        return types(p, catalog).stream().mapToInt(dev.derrick.catalog.InstanceType::gpus).max().orElse(0);
    }

    /** The pool's Karpenter settings, defaults filled in. */
    public static KarpenterSpec settings(NodePoolSpec p) {
        return p.karpenter() != null ? p.karpenter() : KarpenterSpec.DEFAULTS;
    }
}
