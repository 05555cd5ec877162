package dev.derrick.azure;

import com.pulumi.azurenative.containerservice.ManagedCluster;
import com.pulumi.azurenative.containerservice.ManagedClusterArgs;
import com.pulumi.azurenative.containerservice.enums.ResourceIdentityType;
import com.pulumi.azurenative.containerservice.inputs.ContainerServiceNetworkProfileArgs;
import com.pulumi.azurenative.containerservice.inputs.ManagedClusterAPIServerAccessProfileArgs;
import com.pulumi.azurenative.containerservice.inputs.ManagedClusterAgentPoolProfileArgs;
import com.pulumi.azurenative.containerservice.inputs.ManagedClusterAutoUpgradeProfileArgs;
import com.pulumi.azurenative.containerservice.inputs.ManagedClusterIdentityArgs;
import com.pulumi.azurenative.containerservice.inputs.ManagedClusterOIDCIssuerProfileArgs;
import com.pulumi.azurenative.containerservice.inputs.ManagedClusterSecurityProfileArgs;
import com.pulumi.azurenative.containerservice.inputs.ManagedClusterSecurityProfileWorkloadIdentityArgs;
import com.pulumi.azurenative.resources.ResourceGroup;
import com.pulumi.azurenative.resources.ResourceGroupArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.derrick.catalog.Catalog;
import dev.derrick.catalog.InstanceType;
import dev.derrick.config.ClusterSpec;
import dev.derrick.config.NodePoolSpec;
import dev.derrick.config.internal.Cidr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An AKS cluster in its own resource group: a system-assigned managed identity, the Kubernetes
 * version, a private API server when {@code endpointAccess: private}, Azure CNI overlay (pods on
 * {@code podCidr}, services on {@code serviceCidr}, in an AKS-managed virtual network), OIDC
 * issuer and workload identity, the auto-upgrade channel ({@code upgrades.channel}, default {@code patch}), the system pool as the
 * cluster's agent pool profile and one {@link AksNodePool} per other pool.
 *
 * <p>The system pool is the first pool without an accelerator ({@link ClusterSpec#systemPool()}):
 * AKS needs a {@code System} mode pool at creation, inside the cluster resource. Every other pool
 * is its own {@code AgentPool} resource: AKS refuses to add or remove pools through the cluster
 * resource after creation, so only the system pool lives inline. The autoscaler owns the system
 * pool's {@code count}, so Pulumi ignores drift in it.
 */
public final class AksCluster extends ComponentResource {
    public static final String TYPE = "derrick:azure:AksCluster";

    public final Output<String> clusterName;
    public final Output<String> resourceGroupName;
    /** The cluster's OIDC issuer URL (workload identity federation). */
    public final Output<String> oidcIssuerUrl;
    /**
     * The cluster's user kubeconfig, from the ARM call listClusterUserCredential (local accounts: Derrick enables no
     * Entra ID integration); secret. Unknown in a preview until the cluster exists.
     */
    public final Output<String> kubeconfig;
    public final List<AksNodePool> pools;
    /** The GPU pools with the GPUs per node of their VM sizes, for monitoring. */
    public final List<dev.derrick.kubernetes.GpuPool> gpuPools;

    /**
     * @param physicalName the AKS cluster name and DNS prefix ({@code <stack>-<cluster>})
     */
    public AksCluster(String name, String physicalName, ClusterSpec spec, Catalog catalog, Map<String, String> tags,
                      ComponentResourceOptions options) {
        super(TYPE, name, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        var group = new ResourceGroup(name + "-rg", ResourceGroupArgs.builder().location(spec.region()).tags(tags).build(), child);

        NodePoolSpec system = spec.systemPool();
        var profiles = new ArrayList<ManagedClusterAgentPoolProfileArgs>();
        if (system != null) {
            profiles.add(systemProfile(system, pick(catalog, system), spec.zonesOf(system), tags));
        }
        var cluster = new ManagedCluster(name + "-aks", ManagedClusterArgs.builder()
                .resourceGroupName(group.name())
                .resourceName(physicalName)
                .location(spec.region())
                .dnsPrefix(physicalName)
                .kubernetesVersion(spec.kubernetesVersion())
                .identity(ManagedClusterIdentityArgs.builder().type(ResourceIdentityType.SystemAssigned).build())
                .enableRBAC(true)
                .agentPoolProfiles(profiles)
                .apiServerAccessProfile(apiServerAccess(spec))
                .networkProfile(ContainerServiceNetworkProfileArgs.builder()
                        .networkPlugin("azure")
                        .networkPluginMode("overlay")
                        .podCidr(spec.podCidr())
                        .serviceCidr(spec.serviceCidr())
                        .dnsServiceIP(Cidr.parse(spec.serviceCidr()).address(10))
                        .loadBalancerSku("standard")
                        .build())
                .oidcIssuerProfile(ManagedClusterOIDCIssuerProfileArgs.builder().enabled(true).build())
                .securityProfile(ManagedClusterSecurityProfileArgs.builder()
                        .workloadIdentity(ManagedClusterSecurityProfileWorkloadIdentityArgs.builder().enabled(true).build())
                        .build())
                .autoUpgradeProfile(ManagedClusterAutoUpgradeProfileArgs.builder().upgradeChannel(dev.derrick.upgrades.UpgradeRules.aksChannel(spec)).build())
                .tags(tags)
                .build(), CustomResourceOptions.builder().parent(this).ignoreChanges("agentPoolProfiles[0].count").build());

        var pools = new ArrayList<AksNodePool>();
        var gpuPools = new ArrayList<dev.derrick.kubernetes.GpuPool>();
        for (NodePoolSpec pool : spec.nodePools()) {
            if (pool == system) {
                continue;
            }
            InstanceType type = pick(catalog, pool);
            if (pool.isGpu() && type != null) {
                gpuPools.add(new dev.derrick.kubernetes.GpuPool(pool.name(), type.gpus()));
            }
            pools.add(new AksNodePool(name + "-" + pool.name(), pool, pick(catalog, pool), group.name(), cluster.name(),
                    spec.zonesOf(pool), tags, ComponentResourceOptions.builder().parent(this).build()));
        }
        this.pools = List.copyOf(pools);
        this.gpuPools = List.copyOf(gpuPools);
        this.clusterName = cluster.name();
        this.resourceGroupName = group.name();
        this.oidcIssuerUrl = cluster.oidcIssuerProfile().applyValue(p -> p.map(x -> x.issuerURL()).orElse(""));
        this.kubeconfig = com.pulumi.azurenative.containerservice.ContainerserviceFunctions.listManagedClusterUserCredentials(
                        com.pulumi.azurenative.containerservice.inputs.ListManagedClusterUserCredentialsArgs.builder()
                                .resourceGroupName(group.name()).resourceName(cluster.name()).build(),
                        com.pulumi.deployment.InvokeOptions.builder().parent(this).build())
                .applyValue(r -> new String(java.util.Base64.getDecoder().decode(r.kubeconfigs().get(0).value()), java.nio.charset.StandardCharsets.UTF_8))
                .asSecret();
        registerOutputs(Map.of("clusterName", clusterName, "resourceGroupName", resourceGroupName));
    }

    /** Private cluster, or a public API server limited to {@code authorizedNetworks} (AKS's default admits every address). */
    static ManagedClusterAPIServerAccessProfileArgs apiServerAccess(ClusterSpec spec) {
        var access = ManagedClusterAPIServerAccessProfileArgs.builder().enablePrivateCluster(!spec.endpointAccess().publicAccess());
        if (spec.endpointAccess().publicAccess()) {
            access.authorizedIPRanges(spec.authorizedNetworks());
        }
        return access.build();
    }

    private static InstanceType pick(Catalog catalog, NodePoolSpec pool) {
        return catalog.pick("azure", pool.accelerator(), pool.gpusPerNode(), pool.machineType()).orElse(null);
    }

    static ManagedClusterAgentPoolProfileArgs systemProfile(NodePoolSpec pool, InstanceType type, List<String> zones, Map<String, String> tags) {
        var profile = ManagedClusterAgentPoolProfileArgs.builder()
                .name(pool.name())
                .mode("System")
                .osType("Linux")
                .type("VirtualMachineScaleSets")
                .vmSize(AksNodePool.vmSize(pool, type))
                .osDiskSizeGB(pool.diskSizeGb())
                .enableAutoScaling(true)
                .minCount(pool.min())
                .maxCount(pool.max())
                .count(pool.desired())
                .nodeLabels(pool.nodeLabels(null))
                .nodeTaints(AksNodePool.taints(pool))
                // AKS runs system pools on regular VMs only (the validator refuses a spot system pool).
                .scaleSetPriority("Regular")
                .tags(tags);
        if (!zones.isEmpty()) {
            profile.availabilityZones(zones);
        }
        return profile.build();
    }
}
