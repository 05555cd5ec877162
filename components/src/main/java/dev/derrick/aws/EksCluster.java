package dev.derrick.aws;

import com.pulumi.aws.eks.Cluster;
import com.pulumi.aws.eks.ClusterArgs;
import com.pulumi.aws.eks.inputs.ClusterAccessConfigArgs;
import com.pulumi.aws.eks.inputs.ClusterVpcConfigArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.derrick.catalog.Catalog;
import dev.derrick.catalog.InstanceType;
import dev.derrick.config.ClusterSpec;
import dev.derrick.config.NodePoolSpec;
import dev.derrick.charts.ChartSource;
import dev.derrick.karpenter.Karpenter;
import dev.derrick.karpenter.KarpenterArgs;
import dev.derrick.karpenter.KarpenterManifests;
import dev.derrick.karpenter.KarpenterPools;
import dev.derrick.kubernetes.GpuPool;
import dev.derrick.network.EksGpuNetwork;
import dev.derrick.network.Placement;
import dev.derrick.network.PoolNetwork;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An EKS cluster with its network, IAM roles and node pools: a VPC with private subnets across
 * the configured zones (or the given subnet ids), the cluster role, the node role, the control
 * plane (API authentication by access entries), one {@link EksNodePool} per node-group pool and, when any pool is a
 * Karpenter pool (the default for GPU pools), {@link Karpenter} with a NodePool per such pool.
 */
public final class EksCluster extends ComponentResource {
    public static final String TYPE = "derrick:aws:EksCluster";
    private static final String AWS_POLICY = "arn:aws:iam::aws:policy/";

    public final Output<String> clusterName;
    public final Output<String> endpoint;
    /** Base64 PEM of the cluster's certificate authority. */
    public final Output<String> certificateAuthority;
    /** A kubeconfig using {@code aws eks get-token}; secret (see {@link EksKubeconfig}). */
    public final Output<String> kubeconfig;
    /** The managed node groups (the pools Karpenter does not provision). */
    public final List<EksNodePool> pools;
    /** Each node group's name, by pool name. */
    public final Map<String, Output<String>> nodeGroupNames;
    /** What in-cluster objects wait for: the node groups and the Karpenter NodePools. */
    public final List<com.pulumi.resources.Resource> ready;
    /** Karpenter and its pools; null when no pool of the cluster is a Karpenter pool. */
    public final Karpenter karpenter;
    /** The tags of the cluster's resources, and its name and component, for {@link #podIdentityAgent()}. */
    private final Map<String, String> tags;
    private final String name;
    private final List<com.pulumi.resources.Resource> hostReady;
    private com.pulumi.resources.Resource podIdentityAgent;

    /** The GPU pools with the GPUs per node of their instance types, for monitoring. */
    public final List<GpuPool> gpuPools;

    /**
     * @param physicalName the EKS cluster name ({@code <stack>-<cluster>}), what kubectl users see
     */
    public EksCluster(String name, String physicalName, ClusterSpec spec, Catalog catalog, Map<String, String> tags,
                      ComponentResourceOptions options) {
        this(name, physicalName, spec, catalog, tags, ChartSource.UPSTREAM, options);
    }

    /** @param charts where Karpenter's charts come from (clusters with Karpenter pools) */
    public EksCluster(String name, String physicalName, ClusterSpec spec, Catalog catalog, Map<String, String> tags, ChartSource charts,
                      ComponentResourceOptions options) {
        super(TYPE, name, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        List<NodePoolSpec> karpenterPools = KarpenterPools.of(spec);

        List<Output<String>> subnetIds;
        List<String> zones;
        if (spec.subnetIds().isEmpty()) {
            var vpc = new AwsVpc(name + "-vpc", spec.vpcCidr(), spec.zones(), tags,
                    karpenterPools.isEmpty() ? Map.of() : Map.of(KarpenterManifests.DISCOVERY_TAG, physicalName),
                    ComponentResourceOptions.builder().parent(this).build());
            subnetIds = vpc.privateSubnetIds;
            zones = vpc.zones;
        } else {
            subnetIds = spec.subnetIds().stream().map(Output::of).toList();
            zones = List.of();
        }

        var clusterRole = new Role(name + "-cluster-role", RoleArgs.builder()
                .assumeRolePolicy(assumeRole("eks.amazonaws.com"))
                .description("EKS control plane role of " + physicalName)
                .tags(tags).build(), child);
        var clusterPolicy = new RolePolicyAttachment(name + "-cluster-policy", RolePolicyAttachmentArgs.builder()
                .role(clusterRole.name()).policyArn(AWS_POLICY + "AmazonEKSClusterPolicy").build(), child);

        var vpcConfig = ClusterVpcConfigArgs.builder()
                .subnetIds(Output.all(subnetIds))
                .endpointPrivateAccess(spec.endpointAccess().privateAccess())
                .endpointPublicAccess(spec.endpointAccess().publicAccess());
        if (spec.endpointAccess().publicAccess()) {
            // EKS's own default is 0.0.0.0/0; validation guarantees the list is given.
            vpcConfig.publicAccessCidrs(spec.authorizedNetworks());
        }
        var cluster = new Cluster(name + "-eks", ClusterArgs.builder()
                .name(physicalName)
                .version(spec.kubernetesVersion())
                .roleArn(clusterRole.arn())
                .vpcConfig(vpcConfig.build())
                .accessConfig(ClusterAccessConfigArgs.builder()
                        .authenticationMode("API")
                        .bootstrapClusterCreatorAdminPermissions(true)
                        .build())
                .enabledClusterLogTypes("api", "audit", "authenticator")
                .tags(tags)
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(clusterPolicy).build());

        var nodeRole = new Role(name + "-node-role", RoleArgs.builder()
                .assumeRolePolicy(assumeRole("ec2.amazonaws.com"))
                .description("EKS node role of " + physicalName)
                .tags(tags).build(), child);
        var nodePolicies = new ArrayList<com.pulumi.resources.Resource>();
        for (String policy : List.of("AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy", "AmazonEC2ContainerRegistryReadOnly")) {
            nodePolicies.add(new RolePolicyAttachment(name + "-node-" + policy, RolePolicyAttachmentArgs.builder()
                    .role(nodeRole.name()).policyArn(AWS_POLICY + policy).build(), child));
        }

        this.kubeconfig = Output.tuple(cluster.name(), cluster.endpoint(), cluster.certificateAuthority().applyValue(ca -> ca.data().orElse("")))
                .applyValue(t -> EksKubeconfig.of(t.t1, t.t2, t.t3, spec.region()))
                .asSecret();
        var network = gpuNetwork(name, physicalName, spec, catalog, cluster, tags, charts);
        var poolDependencies = new ArrayList<com.pulumi.resources.Resource>(nodePolicies);
        if (network != null) {
            poolDependencies.addAll(network.ready);
        }

        var pools = new ArrayList<EksNodePool>();
        var gpuPools = new ArrayList<GpuPool>();
        var nodeGroups = new LinkedHashMap<String, Output<String>>();
        var karpenter = new ArrayList<KarpenterArgs.Pool>();
        for (NodePoolSpec pool : spec.nodePools()) {
            if (KarpenterPools.isKarpenter(spec, pool)) {
                List<InstanceType> types = KarpenterPools.types(pool, catalog);
                if (types.isEmpty()) {
                    throw new IllegalStateException("Karpenter pool " + pool.name() + " with no instance type passed validation");
                }
                // Monitoring sizes its per-pool panels by the largest type the pool may launch.
                gpuPools.add(new GpuPool(pool.name(), KarpenterPools.largestGpus(pool, catalog)));
                karpenter.add(new KarpenterArgs.Pool(pool, types, pool.zones() != null && !pool.zones().isEmpty() ? pool.zones() : zones));
                continue;
            }
            InstanceType type = catalog.pick("aws", pool.accelerator(), pool.gpusPerNode(), pool.machineType()).orElse(null);
            if (pool.isGpu() && type != null) {
                gpuPools.add(new GpuPool(pool.name(), type.gpus()));
            }
            var group = new EksNodePool(name + "-" + pool.name(), pool, type, cluster.name(), nodeRole.arn(),
                    subnetsFor(pool, spec, zones, subnetIds), tags, network == null ? null : network.launchTemplate(pool.name()),
                    ComponentResourceOptions.builder().parent(this).dependsOn(poolDependencies).build());
            pools.add(group);
            nodeGroups.put(pool.name(), group.nodeGroupName);
        }
        var ready = new ArrayList<com.pulumi.resources.Resource>(pools);
        if (!karpenter.isEmpty()) {
            // Validation guarantees a CPU node group with min >= 1: the controller's home.
            NodePoolSpec host = spec.nodePools().stream()
                    .filter(p -> !KarpenterPools.isKarpenter(spec, p) && !p.isGpu() && p.min() != null && p.min() >= 1).findFirst().orElseThrow();
            var k = new Karpenter(name + "-karpenter", new KarpenterArgs(physicalName, spec.region(), cluster.name(), cluster.arn(),
                    cluster.vpcConfig().applyValue(v -> v.clusterSecurityGroupId().orElse("")), kubeconfig, karpenter,
                    spec.subnetIds(), host.name(), host.min() >= 2 ? 2 : 1, List.copyOf(pools), tags, charts),
                    ComponentResourceOptions.builder().parent(this).build());
            ready.addAll(k.nodePools);
            this.karpenter = k;
        } else {
            this.karpenter = null;
        }
        this.tags = tags;
        this.name = name;
        this.hostReady = List.copyOf(pools);
        this.podIdentityAgent = this.karpenter == null ? null : this.karpenter.podIdentityAgent;
        this.pools = List.copyOf(pools);
        this.nodeGroupNames = java.util.Collections.unmodifiableMap(nodeGroups);
        this.ready = List.copyOf(ready);
        this.gpuPools = List.copyOf(gpuPools);
        this.clusterName = cluster.name();
        this.endpoint = cluster.endpoint();
        this.certificateAuthority = cluster.certificateAuthority().applyValue(ca -> ca.data().orElse(""));
        registerOutputs(Map.of("clusterName", clusterName, "endpoint", endpoint));
    }

    /**
     * The {@code eks-pod-identity-agent} add-on that EKS Pod Identity needs on the nodes: Karpenter's when the cluster
     * has Karpenter, else one made on first use ({@code <cluster>-pod-identity-agent}), so clusters without a Pod
     * Identity user plan none.
     */
    public com.pulumi.resources.Resource podIdentityAgent() {
        if (podIdentityAgent == null) {
            podIdentityAgent = new com.pulumi.aws.eks.Addon(name + "-pod-identity-agent", com.pulumi.aws.eks.AddonArgs.builder()
                    .clusterName(clusterName)
                    .addonName("eks-pod-identity-agent")
                    .tags(tags).build(), CustomResourceOptions.builder().parent(this).dependsOn(hostReady).build());
        }
        return podIdentityAgent;
    }

    /** EFA, placement groups and launch templates of the pools with {@code network:} (dev.derrick.network); null when none has any. */
    private EksGpuNetwork gpuNetwork(String name, String physicalName, ClusterSpec spec, Catalog catalog, Cluster cluster,
                                     Map<String, String> tags, ChartSource charts) {
        var pools = new ArrayList<EksGpuNetwork.Pool>();
        for (NodePoolSpec pool : spec.nodePools()) {
            if (!PoolNetwork.efa(pool) && PoolNetwork.awsPlacement(pool) != Placement.COMPACT) {
                continue;
            }
            boolean karpenter = KarpenterPools.isKarpenter(spec, pool);
            List<InstanceType> types = karpenter
                    ? KarpenterPools.types(pool, catalog)
                    : catalog.pick("aws", pool.accelerator(), pool.gpusPerNode(), pool.machineType()).map(List::of).orElse(List.of());
            pools.add(new EksGpuNetwork.Pool(pool, types, karpenter));
        }
        if (pools.isEmpty()) {
            return null;
        }
        return new EksGpuNetwork(name + "-gpu-network", physicalName, cluster.vpcConfig().applyValue(v -> v.vpcId().orElse("")),
                cluster.vpcConfig().applyValue(v -> v.clusterSecurityGroupId().orElse("")), pools, kubeconfig, tags, charts,
                ComponentResourceOptions.builder().parent(this).build());
    }

    /** The private subnets of the pool's zones; all subnets when the pool names none or the VPC is not ours. */
    static List<Output<String>> subnetsFor(NodePoolSpec pool, ClusterSpec spec, List<String> zones, List<Output<String>> subnetIds) {
        if (zones.isEmpty() || pool.zones() == null || pool.zones().isEmpty()) {
            return subnetIds;
        }
        var out = new ArrayList<Output<String>>();
        for (String z : pool.zones()) {
            int i = zones.indexOf(z);
            if (i >= 0) {
                out.add(subnetIds.get(i));
            }
        }
        return out;
    }

    static String assumeRole(String service) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\""
                + service + "\"},\"Action\":\"sts:AssumeRole\"}]}";
    }
}
