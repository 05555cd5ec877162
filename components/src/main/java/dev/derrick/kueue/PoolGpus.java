package dev.derrick.kueue;

import dev.derrick.catalog.Catalog;
import dev.derrick.catalog.InstanceType;
import dev.derrick.catalog.MigProfile;
import dev.derrick.config.ClusterSpec;
import dev.derrick.config.NodePoolSpec;
import dev.derrick.config.SharingMode;
import dev.derrick.config.Target;
import dev.derrick.config.internal.NodeReader;

/**
 * The {@code nvidia.com/gpu} a GPU pool advertises, per node and at max scale: GPUs per node times the MIG instances
 * per GPU (MIG pools: the GPU operator runs the device plugin with {@code migStrategy: single}, and GKE's GPU
 * partitioning likewise advertises each instance as one {@code nvidia.com/gpu}) or the time-slicing replicas.
 *
 * @param pool        the pool
 * @param gpusPerNode physical GPUs per node (the catalog's instance type; a Karpenter pool's largest allowed type; on-prem
 *                    the declared count)
 * @param unitsPerNode {@code nvidia.com/gpu} per node
 */
public record PoolGpus(NodePoolSpec pool, int gpusPerNode, int unitsPerNode) {
    /** What the pool can reach at max scale. */
    public int unitsAtMax() {
        return unitsPerNode * (pool.max() == null ? 0 : pool.max());
    }

    /** The pool's GPUs in {@code c}; null when its GPU count is not known (an instance type the catalog lacks: reported elsewhere). */
    public static PoolGpus of(ClusterSpec c, NodePoolSpec pool, Catalog catalog) {
        if (!pool.isGpu()) {
            return null;
        }
        Integer gpus;
        if (c.target() == Target.ONPREM) {
            gpus = pool.gpusPerNode();
        } else if (dev.derrick.karpenter.KarpenterPools.isKarpenter(c, pool)) {
            // A Karpenter pool may launch several types: its largest node, the one its limits and price are set by.
            gpus = dev.derrick.karpenter.KarpenterPools.largestGpus(pool, catalog);
        } else {
            InstanceType t = catalog.pick(NodeReader.token(c.target()), pool.accelerator(), pool.gpusPerNode(), pool.machineType()).orElse(null);
            gpus = t == null ? null : t.gpus();
        }
        if (gpus == null || gpus < 1) {
            return null;
        }
        int per = 1;
        if (pool.sharing() != null && pool.sharing().mode() == SharingMode.MIG) {
            MigProfile profile = catalog.accelerator(pool.accelerator()).flatMap(a -> a.migProfile(pool.sharing().profile())).orElse(null);
            if (profile == null) {
                return null;
            }
            per = profile.instances();
        } else if (pool.sharing() != null && pool.sharing().mode() == SharingMode.TIME_SLICING && pool.sharing().replicas() != null) {
            per = pool.sharing().replicas();
        }
        return new PoolGpus(pool, gpus, gpus * per);
    }

    /** What one unit is, for messages: {@code GPUs}, {@code 1g.10gb MIG instances}, {@code time-sliced GPU shares}. */
    public String unit() {
        if (pool.sharing() != null && pool.sharing().mode() == SharingMode.MIG) {
            return pool.sharing().profile() + " MIG instances";
        }
        if (pool.sharing() != null && pool.sharing().mode() == SharingMode.TIME_SLICING) {
            return "time-sliced GPU shares";
        }
        return "GPUs";
    }
}
