package dev.derrick.network;

import com.pulumi.core.Output;
import com.pulumi.gcp.compute.Firewall;
import com.pulumi.gcp.compute.FirewallArgs;
import com.pulumi.gcp.compute.Network;
import com.pulumi.gcp.compute.NetworkArgs;
import com.pulumi.gcp.compute.Subnetwork;
import com.pulumi.gcp.compute.SubnetworkArgs;
import com.pulumi.gcp.compute.inputs.FirewallAllowArgs;
import com.pulumi.gcp.container.inputs.NodePoolNetworkConfigAdditionalNodeNetworkConfigArgs;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.derrick.config.internal.Cidr;
import dev.derrick.kubernetes.internal.KubernetesObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * GPUDirect-TCPX / TCPXO networking of a GKE cluster's A3 pools, as Google's cluster-toolkit GKE A3 blueprints build it
 * (examples/gke-a3-highgpu, examples/gke-a3-megagpu at commit 10470803): {@code count} extra VPC networks
 * {@code <cluster>-gpunet-<i>} (MTU {@value #MTU}, one /20 subnetwork each from {@value #DEFAULT_RANGE}, a firewall rule
 * admitting all traffic from that subnetwork), and per network a {@code GKENetworkParamSet} ({@code deviceMode: NetDevice},
 * gVNIC) and a {@code Network} object {@code vpc<i+1>} that pods name in their multi-network annotation. The cluster runs
 * multi-networking on GKE Dataplane V2 and each GPUDirect pool attaches every network ({@link #nodeNetworks()}).
 * Not installed: the NCCL TCPX/TCPXO plugin installer and device injector (cluster-toolkit applies them as manifests).
 */
public final class GkeGpuNetwork extends ComponentResource {
    public static final String TYPE = "derrick:network:GkeGpuNetwork";
    /** The GPU networks' MTU in the A3 blueprints. */
    public static final int MTU = 8244;
    /** The blueprints' range for the GPU networks (gke-a3-highgpu's global_ip_address_range), split into /20s. */
    public static final String DEFAULT_RANGE = "192.169.0.0/16";
    public static final int SUBNET_PREFIX = 20;
    public static final String NETWORKING_API = "networking.gke.io/v1";

    private final List<NodePoolNetworkConfigAdditionalNodeNetworkConfigArgs> nodeNetworks;
    /** What GPUDirect node pools wait for: the subnetworks and firewall rules. */
    public final List<Resource> ready;

    /**
     * @param name        {@code <cluster>-gpu-network}
     * @param physicalName the GKE cluster name; the networks are {@code <physicalName>-gpunet-<i>} in GCP, so the
     *                     Kubernetes objects can name them before they exist
     * @param count       GPU networks (the most any GPUDirect pool's machine type takes: 4 for A3 High, 8 for A3 Mega)
     * @param kubeconfig  the cluster's kubeconfig, for the Network objects
     * @param computeApis what compute resources wait for (the Compute Engine API)
     */
    public GkeGpuNetwork(String name, String physicalName, String project, String region, int count, Output<String> kubeconfig, List<Resource> computeApis,
                         ComponentResourceOptions options) {
        super(TYPE, name, options);
        String prefix = name.substring(0, name.length() - "-gpu-network".length());
        var onCompute = CustomResourceOptions.builder().parent(this).dependsOn(computeApis).build();
        List<String> ranges = subnets(count);
        var provider = new Provider(prefix + "-gpunet-provider", ProviderArgs.builder().kubeconfig(kubeconfig.asSecret()).build(),
                CustomResourceOptions.builder().parent(this).build());
        var ready = new ArrayList<Resource>();
        var nodeNetworks = new ArrayList<NodePoolNetworkConfigAdditionalNodeNetworkConfigArgs>();
        for (int i = 0; i < count; i++) {
            String n = prefix + "-gpunet-" + i;
            String gcpName = gcpName(physicalName, i);
            var network = new Network(n, NetworkArgs.builder()
                    .name(gcpName).project(project).autoCreateSubnetworks(false).routingMode("REGIONAL").mtu(MTU)
                    .description("GPUDirect network " + i + " of " + prefix).build(), onCompute);
            var subnet = new Subnetwork(n + "-subnet", SubnetworkArgs.builder()
                    .name(gcpName + "-subnet").project(project).region(region).network(network.id()).ipCidrRange(ranges.get(i)).build(), onCompute);
            ready.add(subnet);
            ready.add(new Firewall(n + "-internal", FirewallArgs.builder()
                    .project(project).network(network.name()).direction("INGRESS").sourceRanges(ranges.get(i))
                    .allows(FirewallAllowArgs.builder().protocol("all").build())
                    .description("all traffic between the GPU NICs on " + n).build(), onCompute));
            nodeNetworks.add(NodePoolNetworkConfigAdditionalNodeNetworkConfigArgs.builder().network(network.name()).subnetwork(subnet.name()).build());
            String k8sName = "vpc" + (i + 1);
            var paramSet = new KubernetesObject(n + "-paramset", NETWORKING_API, "GKENetworkParamSet",
                    ObjectMetaArgs.builder().name(k8sName).build(),
                    Map.of("vpc", gcpName, "vpcSubnet", gcpName + "-subnet", "deviceMode", "NetDevice"),
                    CustomResourceOptions.builder().parent(this).provider(provider).dependsOn(List.of(network, subnet)).build());
            new KubernetesObject(n + "-k8s-network", NETWORKING_API, "Network", ObjectMetaArgs.builder().name(k8sName).build(),
                    Map.of("type", "Device", "parametersRef", Map.of("group", "networking.gke.io", "kind", "GKENetworkParamSet", "name", k8sName)),
                    CustomResourceOptions.builder().parent(this).provider(provider).dependsOn(paramSet).build());
        }
        this.nodeNetworks = List.copyOf(nodeNetworks);
        this.ready = List.copyOf(ready);
        registerOutputs(Map.of());
    }

    /** The GCP name of GPU network {@code i}: {@code <physicalName>-gpunet-<i>}. */
    public static String gcpName(String physicalName, int i) {
        return physicalName + "-gpunet-" + i;
    }

    /** The subnetwork ranges: consecutive /20s of {@value #DEFAULT_RANGE}, as cluster-toolkit's multivpc cidrsubnet does. */
    public static List<String> subnets(int count) {
        Cidr range = Cidr.parse(DEFAULT_RANGE);
        var out = new ArrayList<String>();
        for (int i = 0; i < count; i++) {
            out.add(new Cidr(range.network() + ((long) i << (32 - SUBNET_PREFIX)), SUBNET_PREFIX).toString());
        }
        return out;
    }

    /** The pool's {@code networkConfig.additionalNodeNetworkConfigs}: one GPU NIC per network. */
    public List<NodePoolNetworkConfigAdditionalNodeNetworkConfigArgs> nodeNetworks() {
        return nodeNetworks;
    }
}
