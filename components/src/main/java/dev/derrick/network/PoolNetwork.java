package dev.derrick.network;

/**
 * A pool's node-to-node GPU networking ({@code network:} on a pool or in {@code nodePoolDefaults}).
 *
 * @param efa       aws only: attach every EFA interface the instance type takes (the catalog's count) through a launch
 *                  template (node groups) or the EC2NodeClass (Karpenter pools), in a security group that admits all
 *                  traffic from itself, with the EFA device plugin on the cluster; default false
 * @param placement {@code compact}: aws a cluster placement group, gcp {@code COMPACT} placement; needs exactly one zone.
 *                  Default: aws {@code compact} with {@code efa}, else {@code none}; gcp: compact for A2/A3/G2 pools in
 *                  exactly one zone, else none ({@code GkeNodePool#compactPlacement})
 * @param gpuDirect gcp A3 only: GPUDirect-TCPX (a3-highgpu-8g, 4 GPU networks) or -TCPXO (a3-megagpu-8g, 8): the cluster gets
 *                  the extra VPCs (MTU 8244), multi-networking and the GKE Network objects, the pool one GPU NIC per
 *                  network ({@link GkeGpuNetwork}); default false
 */
public record PoolNetwork(Boolean efa, Placement placement, Boolean gpuDirect) {
    public PoolNetwork(Boolean efa, Placement placement) {
        this(efa, placement, null);
    }

    /** Whether {@code pool} asks for GPUDirect networking. */
    public static boolean gpuDirect(dev.derrick.config.NodePoolSpec pool) {
        return pool.network() != null && Boolean.TRUE.equals(pool.network().gpuDirect());
    }

    public boolean efaEnabled() {
        return Boolean.TRUE.equals(efa);
    }

    /** Whether {@code pool} has EFA. */
    public static boolean efa(dev.derrick.config.NodePoolSpec pool) {
        return pool.network() != null && pool.network().efaEnabled();
    }

    /** The placement of an aws pool: as written, else compact with EFA, else none. */
    public static Placement awsPlacement(dev.derrick.config.NodePoolSpec pool) {
        PoolNetwork n = pool.network();
        if (n != null && n.placement() != null) {
            return n.placement();
        }
        return efa(pool) ? Placement.COMPACT : Placement.NONE;
    }

    /** The placement written on a pool; null when not written. */
    public static Placement written(dev.derrick.config.NodePoolSpec pool) {
        return pool.network() == null ? null : pool.network().placement();
    }
}
