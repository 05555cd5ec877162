package dev.derrick.config;

/**
 * How a pool's nodes are bought. Written as {@code on-demand}, {@code spot}, {@code spot-preferred}, {@code reserved}.
 * {@code spot-preferred} (spot, falling back to on-demand when spot has no capacity) needs a provisioner that can
 * choose per node: Karpenter pools on EKS ({@code dev.derrick.karpenter}); validation refuses it elsewhere.
 */
public enum CapacityType {
    ON_DEMAND, SPOT, SPOT_PREFERRED, RESERVED
}
