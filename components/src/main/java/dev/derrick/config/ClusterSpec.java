package dev.derrick.config;

import java.util.List;

/**
 * One Kubernetes cluster and its node pools.
 *
 * <p>In config a cluster may also give {@code nodePoolDefaults:}, a pool's settings (the
 * {@link NodePoolSpec} keys except {@code name}) that apply to every pool that does not set them
 * itself. The loader merges them into each pool once; the pools here arrive merged.
 *
 * @param name              cluster name, unique in the stack; DNS label ([a-z0-9-], max 32)
 * @param target            required: aws, gcp, azure or onprem (an existing cluster, reached with its kubeconfig from
 *                          the secret {@code derrick:kubeconfigs.<name>})
 * @param region            default: {@code derrick:region}; on Azure the location, e.g. {@code eastus}; not used on onprem
 * @param kubernetesVersion default {@value #DEFAULT_KUBERNETES_VERSION}; a minor version, the cloud picks the patch
 * @param zones             zones for subnets and pools: required on aws (unless {@code subnetIds} are given) and gcp
 *                          ({@code us-central1-a}); optional on azure ({@code "1"}, {@code "2"}, {@code "3"}; none = no zone pinning)
 * @param vpcCidr           aws: CIDR of the VPC Derrick creates, split into one private and one public subnet per zone;
 *                          gcp: primary range of the cluster's subnetwork (nodes); default {@code 10.0.0.0/16};
 *                          not used on azure (AKS runs in a managed virtual network)
 * @param subnetIds         aws only: existing private subnet ids; no VPC is created
 * @param endpointAccess    default {@code public-and-private} (azure: {@code public}) when {@code authorizedNetworks} are given,
 *                          else {@code private} (API reachable only from the private network; run {@code pulumi up} from a
 *                          machine inside it). A public endpoint always needs {@code authorizedNetworks}
 * @param podCidr           gcp and azure: pod address range (gcp: the subnetwork's secondary range {@code pods};
 *                          azure: the Azure CNI overlay pod CIDR); default {@value #DEFAULT_POD_CIDR}; not used on aws (VPC CNI)
 * @param serviceCidr       gcp and azure: Kubernetes service range; default {@value #DEFAULT_SERVICE_CIDR}; not used on aws
 * @param nodePools         at least one pool
 * @param gpuDriver         who installs the NVIDIA driver and container toolkit on GPU nodes; onprem only, default
 *                          {@code operator} (the GPU operator installs both); the clouds' GPU node images carry them
 *                          ({@code preinstalled}: EKS AL2023 NVIDIA AMI, AKS GPU images, GKE's own driver installer)
 * @param storageClass      the StorageClass of every volume Derrick claims in the cluster (Prometheus, and on-prem zot
 *                          and SeaweedFS); default: the cluster's default StorageClass
 * @param kueue             team GPU quotas ({@link dev.derrick.kueue.KueueSpec}); default off
 * @param authorizedNetworks CIDRs that may reach the public API endpoint (EKS {@code publicAccessCidrs}, GKE master
 *                          authorized networks, AKS authorized IP ranges); default none. Required with a public endpoint:
 *                          Derrick never opens an API to the whole internet unless {@code 0.0.0.0/0} is written
 *                          (see {@code dev.derrick.network.EndpointRules})
 * @param upgrades          gcp and azure: release / auto-upgrade channel and GKE maintenance window and exclusions; null:
 *                          GKE {@code REGULAR}, AKS {@code patch} (see {@link dev.derrick.upgrades.UpgradeSpec})
 * @param tracking          MLflow tracking server and model registry ({@link dev.derrick.tracking.TrackingSpec}); default off
 * @param serving           KServe model serving ({@link dev.derrick.serving.ServingSpec}); default off
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
        String podCidr,
        String serviceCidr,
        List<NodePoolSpec> nodePools,
        GpuDriver gpuDriver,
        String storageClass,
        dev.derrick.kueue.KueueSpec kueue,
        List<String> authorizedNetworks,
        dev.derrick.upgrades.UpgradeSpec upgrades,
        dev.derrick.tracking.TrackingSpec tracking,
        dev.derrick.serving.ServingSpec serving) {

    /** Newest Kubernetes minor in EKS standard support as of 2026-11 (1.35, released on EKS 2026-01-28; see the kubernetes-version-supported policy). */
    public static final String DEFAULT_KUBERNETES_VERSION = "1.35";
    public static final String DEFAULT_VPC_CIDR = "10.0.0.0/16";
    /** A /14: room for 1024 nodes at GKE's default /24 per node; outside the default VPC range and AKS's managed 10.224.0.0/12. */
    public static final String DEFAULT_POD_CIDR = "10.64.0.0/14";
    public static final String DEFAULT_SERVICE_CIDR = "10.68.0.0/20";

    public ClusterSpec {
        kubernetesVersion = kubernetesVersion == null ? DEFAULT_KUBERNETES_VERSION : kubernetesVersion;
        // Azure (managed virtual network) and on-prem (the network exists) get no network from Derrick.
        boolean ownNetwork = (subnetIds == null || subnetIds.isEmpty()) && target != Target.AZURE && target != Target.ONPREM;
        vpcCidr = vpcCidr == null && ownNetwork ? DEFAULT_VPC_CIDR : vpcCidr;
        // AWS uses VPC addresses for pods (VPC CNI); the ranges default only where they are used.
        boolean overlayRanges = target == Target.GCP || target == Target.AZURE;
        podCidr = podCidr == null && overlayRanges ? DEFAULT_POD_CIDR : podCidr;
        serviceCidr = serviceCidr == null && overlayRanges ? DEFAULT_SERVICE_CIDR : serviceCidr;
        authorizedNetworks = authorizedNetworks == null ? List.of() : List.copyOf(authorizedNetworks);
        endpointAccess = endpointAccess == null ? dev.derrick.network.EndpointRules.defaultAccess(target, authorizedNetworks) : endpointAccess;
        zones = zones == null ? List.of() : List.copyOf(zones);
        subnetIds = subnetIds == null ? List.of() : List.copyOf(subnetIds);
        nodePools = nodePools == null ? List.of() : List.copyOf(nodePools);
        gpuDriver = gpuDriver == null ? (target == Target.ONPREM ? GpuDriver.OPERATOR : GpuDriver.PREINSTALLED) : gpuDriver;
        kueue = kueue == null ? dev.derrick.kueue.KueueSpec.OFF : kueue;
        tracking = tracking == null ? dev.derrick.tracking.TrackingSpec.OFF : tracking;
        serving = serving == null ? dev.derrick.serving.ServingSpec.OFF : serving;
    }

    /** A cluster without add-ons beyond Kueue. */
    public ClusterSpec(String name, Target target, String region, String kubernetesVersion, List<String> zones, String vpcCidr,
                       List<String> subnetIds, EndpointAccess endpointAccess, String podCidr, String serviceCidr, List<NodePoolSpec> nodePools,
                       GpuDriver gpuDriver, String storageClass, dev.derrick.kueue.KueueSpec kueue, List<String> authorizedNetworks,
                       dev.derrick.upgrades.UpgradeSpec upgrades) {
        this(name, target, region, kubernetesVersion, zones, vpcCidr, subnetIds, endpointAccess, podCidr, serviceCidr, nodePools, gpuDriver,
                storageClass, kueue, authorizedNetworks, upgrades, null, null);
    }

    /** A cloud cluster: the driver comes with the cloud's GPU node image. */
    public ClusterSpec(String name, Target target, String region, String kubernetesVersion, List<String> zones, String vpcCidr,
                       List<String> subnetIds, EndpointAccess endpointAccess, String podCidr, String serviceCidr, List<NodePoolSpec> nodePools) {
        this(name, target, region, kubernetesVersion, zones, vpcCidr, subnetIds, endpointAccess, podCidr, serviceCidr, nodePools, null, null);
    }

    public ClusterSpec(String name, Target target, String region, String kubernetesVersion, List<String> zones, String vpcCidr,
                       List<String> subnetIds, EndpointAccess endpointAccess, String podCidr, String serviceCidr, List<NodePoolSpec> nodePools,
                       GpuDriver gpuDriver) {
        this(name, target, region, kubernetesVersion, zones, vpcCidr, subnetIds, endpointAccess, podCidr, serviceCidr, nodePools, gpuDriver, null);
    }

    public ClusterSpec(String name, Target target, String region, String kubernetesVersion, List<String> zones, String vpcCidr,
                       List<String> subnetIds, EndpointAccess endpointAccess, String podCidr, String serviceCidr, List<NodePoolSpec> nodePools,
                       GpuDriver gpuDriver, String storageClass) {
        this(name, target, region, kubernetesVersion, zones, vpcCidr, subnetIds, endpointAccess, podCidr, serviceCidr, nodePools, gpuDriver,
                storageClass, null, null, null, null, null);
    }

    public ClusterSpec(String name, Target target, String region, String kubernetesVersion, List<String> zones, String vpcCidr,
                       List<String> subnetIds, EndpointAccess endpointAccess, String podCidr, String serviceCidr, List<NodePoolSpec> nodePools,
                       GpuDriver gpuDriver, String storageClass, List<String> authorizedNetworks) {
        this(name, target, region, kubernetesVersion, zones, vpcCidr, subnetIds, endpointAccess, podCidr, serviceCidr, nodePools, gpuDriver,
                storageClass, null, authorizedNetworks, null, null, null);
    }

    /** The GPU pools of the cluster. */
    public List<NodePoolSpec> gpuPools() {
        return nodePools.stream().filter(NodePoolSpec::isGpu).toList();
    }

    /** The zones a pool runs in: its own, else the cluster's. */
    public List<String> zonesOf(NodePoolSpec pool) {
        return pool.zones() != null && !pool.zones().isEmpty() ? pool.zones() : zones;
    }

    /**
     * The pool AKS runs its system pods on (the agent pool profile created with the cluster):
     * the first pool without an accelerator; null when there is none.
     */
    public NodePoolSpec systemPool() {
        return nodePools.stream().filter(p -> !p.isGpu()).findFirst().orElse(null);
    }
}
