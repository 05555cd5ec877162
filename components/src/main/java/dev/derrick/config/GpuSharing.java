package dev.derrick.config;

/**
 * {@code sharing:} of a GPU pool: how its GPUs are split between pods. On EKS, AKS and on-prem the
 * NVIDIA GPU operator applies it (MIG manager, device plugin config); on GKE the node pool's own
 * GPU partitioning and sharing settings do.
 *
 * @param mode     required: {@code mig} or {@code time-slicing}
 * @param profile  {@code mig} only: the MIG profile put on every GPU of the pool, e.g. {@code 1g.10gb}; must be one the
 *                 accelerator offers (the catalog's MIG table)
 * @param replicas {@code time-slicing} only: how many pods share one GPU, {@value #MIN_REPLICAS}..{@value #MAX_REPLICAS}
 */
public record GpuSharing(SharingMode mode, String profile, Integer replicas) {
    /** Fewer than two replicas shares nothing. */
    public static final int MIN_REPLICAS = 2;
    /**
     * GKE's ceiling for {@code maxSharedClientsPerGpu}; more pods on one GPU leaves each a sliver of
     * memory and time, and no isolation between them.
     */
    public static final int MAX_REPLICAS = 48;
}
