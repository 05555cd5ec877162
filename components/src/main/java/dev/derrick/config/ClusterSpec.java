package dev.derrick.config;

import java.util.List;

/**
 * One Kubernetes cluster and its node pools.
 *
 * @param name              cluster name, unique in the stack; DNS label ([a-z0-9-], max 32)
 * @param target            required: aws (gcp, azure, onprem as they land)
 * @param region            default: {@code derrick:region}
 * @param kubernetesVersion default {@value #DEFAULT_KUBERNETES_VERSION}
 * @param zones             zones for subnets and pools; required unless {@code subnetIds} are given
 * @param vpcCidr           CIDR of the VPC Derrick creates; default {@code 10.0.0.0/16}; split into split evenly into one private and one public subnet per zone
 * @param subnetIds         existing private subnet ids: no VPC is created
 * @param endpointAccess    default {@code private} (API reachable only from the VPC)
 * @param nodePools         at least one pool
 */
public record ClusterSpec(
        String name,
        Target target,
        String region,
        String kubernetesVersion,
        List<String> zones,
        String vpcCidr,
        List<String> subnetIds,
        EndpointAccess endpointAccess,
        List<NodePoolSpec> nodePools) {

    /** Newest Kubernetes minor in EKS standard support as of 2026-11 (1.35, released on EKS 2026-01-28; see the kubernetes-version-supported policy). */
    public static final String DEFAULT_KUBERNETES_VERSION = "1.35";

    public ClusterSpec {
        kubernetesVersion = kubernetesVersion == null ? DEFAULT_KUBERNETES_VERSION : kubernetesVersion;
        vpcCidr = vpcCidr == null && (subnetIds == null || subnetIds.isEmpty()) ? "10.0.0.0/16" : vpcCidr;
        endpointAccess = endpointAccess == null ? EndpointAccess.PRIVATE : endpointAccess;
        zones = zones == null ? List.of() : List.copyOf(zones);
        subnetIds = subnetIds == null ? List.of() : List.copyOf(subnetIds);
        nodePools = nodePools == null ? List.of() : List.copyOf(nodePools);
    }

    /** The zones a pool runs in: its own, else the cluster's. */
    public List<String> zonesOf(NodePoolSpec pool) {
        return pool.zones() != null && !pool.zones().isEmpty() ? pool.zones() : zones;
    }
}
