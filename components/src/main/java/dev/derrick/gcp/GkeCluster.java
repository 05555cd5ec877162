package dev.derrick.gcp;

import com.pulumi.core.Output;
import com.pulumi.gcp.compute.Network;
import com.pulumi.gcp.compute.NetworkArgs;
import com.pulumi.gcp.compute.Router;
import com.pulumi.gcp.compute.RouterArgs;
import com.pulumi.gcp.compute.RouterNat;
import com.pulumi.gcp.compute.RouterNatArgs;
import com.pulumi.gcp.compute.Subnetwork;
import com.pulumi.gcp.compute.SubnetworkArgs;
import com.pulumi.gcp.compute.inputs.SubnetworkSecondaryIpRangeArgs;
import com.pulumi.gcp.container.Cluster;
import com.pulumi.gcp.container.ClusterArgs;
import com.pulumi.gcp.container.inputs.ClusterIpAllocationPolicyArgs;
import com.pulumi.gcp.container.inputs.ClusterMasterAuthorizedNetworksConfigArgs;
import com.pulumi.gcp.container.inputs.ClusterMasterAuthorizedNetworksConfigCidrBlockArgs;
import com.pulumi.gcp.container.inputs.ClusterPrivateClusterConfigArgs;
import com.pulumi.gcp.container.inputs.ClusterReleaseChannelArgs;
import com.pulumi.gcp.container.inputs.ClusterWorkloadIdentityConfigArgs;
import com.pulumi.gcp.projects.IAMMember;
import com.pulumi.gcp.projects.IAMMemberArgs;
import com.pulumi.gcp.serviceaccount.Account;
import com.pulumi.gcp.serviceaccount.AccountArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.derrick.catalog.Catalog;
import dev.derrick.catalog.InstanceType;
import dev.derrick.config.ClusterSpec;
import dev.derrick.config.NodePoolSpec;
import dev.derrick.config.internal.DerivedNames;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A regional GKE Standard cluster with its network and node pools: a custom-mode VPC network with
 * one subnetwork (nodes on {@code vpcCidr}, secondary ranges {@code pods} and {@code services}:
 * VPC-native), a Cloud Router with Cloud NAT (nodes are private and pull images from outside
 * Google), a least-privilege node service account, the control plane (private nodes, workload
 * identity, a release channel ({@code upgrades.channel}, default REGULAR) and maintenance policy, the default node pool removed)
 * and one {@link GkeNodePool} per pool.
 *
 * <p>The APIs it calls, none of them enabled in a fresh project, are enabled through {@link ProjectApis} (once per
 * project): the network resources depend on Compute Engine's Service, the node service account on IAM's, the control
 * plane and the node pools on GKE's and Compute Engine's.
 *
 * <p>The control plane is regional ({@code location} = region, three replicas); node pools run in
 * the cluster's {@code zones}. No {@code masterIpv4CidrBlock} is set, so GKE gives the control
 * plane a Private Service Connect endpoint (the default for clusters created on 1.29 and later)
 * instead of VPC peering. {@code deletionProtection} is set to false explicitly: pulumi-gcp 7
 * defaults it to true, which makes {@code pulumi destroy} fail; Derrick protects data (stores),
 * not clusters.
 */
public final class GkeCluster extends ComponentResource {
    public static final String TYPE = "derrick:gcp:GkeCluster";
    public static final String PODS_RANGE = "pods";
    public static final String SERVICES_RANGE = "services";
    /** Roles of the node service account: GKE's own least-privilege node role, and pulling images from Artifact Registry. */
    public static final List<String> NODE_ROLES = List.of("roles/container.defaultNodeServiceAccount", "roles/artifactregistry.reader");

    public final Output<String> clusterName;
    public final Output<String> endpoint;
    /** A kubeconfig using {@code gke-gcloud-auth-plugin}; secret (see {@link GkeKubeconfig}). */
    public final Output<String> kubeconfig;
    public final List<GkeNodePool> pools;
    /** The GPU pools with the GPUs per node of their machine types, for monitoring. */
    public final List<dev.derrick.kubernetes.GpuPool> gpuPools;

    /**
     * @param physicalName the GKE cluster name ({@code <stack>-<cluster>}), what kubectl users see
     * @param project      the Google Cloud project ({@code derrick:gcpProject})
     * @param labels       GCP labels for every labelled resource (the stack's tags)
     * @param apis         the project's APIs: enables Compute Engine, IAM and GKE (once per project)
     */
    public GkeCluster(String name, String physicalName, String project, ClusterSpec spec, Catalog catalog, Map<String, String> labels,
                      ProjectApis apis, ComponentResourceOptions options) {
        super(TYPE, name, options);
        String region = spec.region();
        Resource compute = apis.enable(ProjectApis.COMPUTE, region);
        Resource container = apis.enable(ProjectApis.CONTAINER, region);
        var child = CustomResourceOptions.builder().parent(this).build();
        var onCompute = CustomResourceOptions.builder().parent(this).dependsOn(compute).build();

        var network = new Network(name + "-network", NetworkArgs.builder()
                .project(project)
                .autoCreateSubnetworks(false)
                .routingMode("REGIONAL")
                .description("VPC network of GKE cluster " + physicalName)
                .build(), onCompute);
        var subnet = new Subnetwork(name + "-subnet", SubnetworkArgs.builder()
                .project(project)
                .region(region)
                .network(network.id())
                .ipCidrRange(spec.vpcCidr())
                .privateIpGoogleAccess(true)
                .secondaryIpRanges(
                        SubnetworkSecondaryIpRangeArgs.builder().rangeName(PODS_RANGE).ipCidrRange(spec.podCidr()).build(),
                        SubnetworkSecondaryIpRangeArgs.builder().rangeName(SERVICES_RANGE).ipCidrRange(spec.serviceCidr()).build())
                .build(), onCompute);
        var router = new Router(name + "-router", RouterArgs.builder()
                .project(project).region(region).network(network.id()).build(), onCompute);
        new RouterNat(name + "-nat", RouterNatArgs.builder()
                .project(project)
                .region(region)
                .router(router.name())
                .natIpAllocateOption("AUTO_ONLY")
                .sourceSubnetworkIpRangesToNat("ALL_SUBNETWORKS_ALL_IP_RANGES")
                .build(), onCompute);

        var nodes = new Account(name + "-nodes", AccountArgs.builder()
                .project(project)
                .accountId(DerivedNames.gkeNodeServiceAccount(physicalName))
                .displayName("GKE nodes of " + physicalName)
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(apis.enable(ProjectApis.IAM, region)).build());
        var roles = new ArrayList<Resource>();
        for (String role : NODE_ROLES) {
            roles.add(new IAMMember(name + "-nodes-" + role.substring(role.indexOf('/') + 1).replace('.', '-'), IAMMemberArgs.builder()
                    .project(project).role(role).member(nodes.member()).build(), child));
        }

        var clusterArgs = ClusterArgs.builder();
        int gpuNetworks = spec.nodePools().stream().filter(dev.derrick.network.PoolNetwork::gpuDirect)
                .mapToInt(p -> catalog.pick("gcp", p.accelerator(), p.gpusPerNode(), p.machineType()).map(InstanceType::gpuDirectNetworks).orElse(0))
                .max().orElse(0);
        if (gpuNetworks > 0) {
            // GKE multi-networking runs on Dataplane V2 (cluster-toolkit gke-cluster: ADVANCED_DATAPATH with additional networks).
            clusterArgs.datapathProvider("ADVANCED_DATAPATH").enableMultiNetworking(true);
        }
        var maintenance = dev.derrick.upgrades.GkeMaintenance.policy(spec);
        if (maintenance != null) {
            clusterArgs.maintenancePolicy(maintenance);
        }
        if (spec.endpointAccess().publicAccess()) {
            // Without this block GKE's public endpoint admits every address.
            clusterArgs.masterAuthorizedNetworksConfig(ClusterMasterAuthorizedNetworksConfigArgs.builder()
                    .cidrBlocks(spec.authorizedNetworks().stream()
                            .map(c -> ClusterMasterAuthorizedNetworksConfigCidrBlockArgs.builder().cidrBlock(c).displayName("derrick").build())
                            .toList())
                    .gcpPublicCidrsAccessEnabled(false)
                    .build());
        }
        var cluster = new Cluster(name + "-gke", clusterArgs
                .project(project)
                .name(physicalName)
                .location(region)
                .nodeLocations(spec.zones())
                .network(network.id())
                .subnetwork(subnet.id())
                .networkingMode("VPC_NATIVE")
                .ipAllocationPolicy(ClusterIpAllocationPolicyArgs.builder()
                        .clusterSecondaryRangeName(PODS_RANGE).servicesSecondaryRangeName(SERVICES_RANGE).build())
                .privateClusterConfig(ClusterPrivateClusterConfigArgs.builder()
                        .enablePrivateNodes(true)
                        .enablePrivateEndpoint(!spec.endpointAccess().publicAccess())
                        .build())
                .workloadIdentityConfig(ClusterWorkloadIdentityConfigArgs.builder().workloadPool(project + ".svc.id.goog").build())
                .releaseChannel(ClusterReleaseChannelArgs.builder().channel(dev.derrick.upgrades.UpgradeRules.gkeChannel(spec)).build())
                .minMasterVersion(spec.kubernetesVersion())
                // GKE needs an initial pool to create a cluster; it is deleted right after, pools are GkeNodePools.
                .removeDefaultNodePool(true)
                .initialNodeCount(1)
                .deletionProtection(false)
                .resourceLabels(labels)
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(subnet, container, compute).build());

        // Node pools are created by GKE's API and run on Compute Engine.
        var poolDependencies = new ArrayList<Resource>(roles);
        poolDependencies.add(container);
        poolDependencies.add(compute);
        Output<String> kubeconfig = Output.tuple(cluster.name(), cluster.endpoint(), cluster.masterAuth().applyValue(a -> a.clusterCaCertificate().orElse("")))
                .applyValue(t -> GkeKubeconfig.of(t.t1, t.t2, t.t3))
                .asSecret();
        dev.derrick.network.GkeGpuNetwork gpuNetwork = null;
        if (gpuNetworks > 0) {
            gpuNetwork = new dev.derrick.network.GkeGpuNetwork(name + "-gpu-network", physicalName, project, region, gpuNetworks, kubeconfig,
                    List.of(compute), ComponentResourceOptions.builder().parent(this).build());
        }
        var pools = new ArrayList<GkeNodePool>();
        var gpuPools = new ArrayList<dev.derrick.kubernetes.GpuPool>();
        for (NodePoolSpec pool : spec.nodePools()) {
            InstanceType type = catalog.pick("gcp", pool.accelerator(), pool.gpusPerNode(), pool.machineType()).orElse(null);
            if (pool.isGpu() && type != null) {
                gpuPools.add(new dev.derrick.kubernetes.GpuPool(pool.name(), type.gpus()));
            }
            boolean direct = gpuNetwork != null && dev.derrick.network.PoolNetwork.gpuDirect(pool);
            var dependencies = new ArrayList<Resource>(poolDependencies);
            if (direct) {
                dependencies.addAll(gpuNetwork.ready);
            }
            pools.add(new GkeNodePool(name + "-" + pool.name(), pool, type, project, region, spec.zonesOf(pool), cluster.name(),
                    nodes.email(), labels, direct ? gpuNetwork.nodeNetworks() : List.of(),
                    ComponentResourceOptions.builder().parent(this).dependsOn(dependencies).build()));
        }
        this.pools = List.copyOf(pools);
        this.gpuPools = List.copyOf(gpuPools);
        this.clusterName = cluster.name();
        this.endpoint = cluster.endpoint();
        this.kubeconfig = kubeconfig;
        registerOutputs(Map.of("clusterName", clusterName, "endpoint", endpoint));
    }
}
