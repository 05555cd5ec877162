package dev.derrick.config;

/**
 * Settings of the cloud's own node autoscaler for a GKE or AKS pool ({@code autoscaling:} on the pool). EKS pools scale
 * with Karpenter ({@code karpenter:}) or, as node groups, not at all by themselves.
 *
 * @param locationPolicy gcp: how the cluster autoscaler spreads a pool's nodes over its zones: {@code BALANCED} (even
 *                       spread) or {@code ANY} (wherever capacity is); null: Derrick's default, ANY for GPU and spot
 *                       pools (scarce capacity), BALANCED for the rest
 * @param scaleDownMode  azure: what the cluster autoscaler does with a node it removes: {@code Delete} (the API's
 *                       default) or {@code Deallocate} (stopped VMs start faster on scale-up; their disks still bill)
 */
public record NativeAutoscaling(String locationPolicy, String scaleDownMode) {
}
