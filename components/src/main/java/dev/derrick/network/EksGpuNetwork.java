package dev.derrick.network;

import com.pulumi.aws.ec2.LaunchTemplate;
import com.pulumi.aws.ec2.LaunchTemplateArgs;
import com.pulumi.aws.ec2.PlacementGroup;
import com.pulumi.aws.ec2.PlacementGroupArgs;
import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.SecurityGroupArgs;
import com.pulumi.aws.ec2.SecurityGroupRule;
import com.pulumi.aws.ec2.SecurityGroupRuleArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateBlockDeviceMappingArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateBlockDeviceMappingEbsArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateNetworkInterfaceArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplatePlacementArgs;
import com.pulumi.aws.eks.inputs.NodeGroupLaunchTemplateArgs;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.derrick.catalog.InstanceType;
import dev.derrick.charts.ChartSource;
import dev.derrick.charts.Charts;
import dev.derrick.config.NodePoolSpec;
import dev.derrick.config.Taint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The GPU networking of an EKS cluster's pools ({@code network:}), for managed node groups and Karpenter pools alike:
 *
 * <ul>
 *   <li>with any EFA pool: the security group {@code <cluster>-efa} that admits all traffic from and to itself (EFA's
 *       requirement, EC2 user guide "Prepare an EFA-enabled security group"), tagged {@value #EFA_SG_TAG} so Karpenter
 *       selects it, and the EFA device plugin (chart {@code aws-efa-k8s-device-plugin} v0.5.30, kube-system) that
 *       advertises {@code vpc.amazonaws.com/efa}, tolerating the GPU taint;</li>
 *   <li>per pool with compact placement (the default with EFA): a cluster placement group {@code <cluster>-<pool>};</li>
 *   <li>per node-group pool with EFA or a placement group: a launch template {@code <cluster>-<pool>} with one interface
 *       per EFA device ({@link EfaInterfaces}, in the cluster and EFA security groups), the placement group and the
 *       encrypted root volume (a node group with a launch template takes its disk from it, not from {@code diskSize}).</li>
 * </ul>
 * Karpenter pools get the same through their EC2NodeClass ({@link #nodeClass}).
 */
public final class EksGpuNetwork extends ComponentResource {
    public static final String TYPE = "derrick:network:EksGpuNetwork";
    /** Tag on the EFA security group; its value is the EKS cluster name. */
    public static final String EFA_SG_TAG = "derrick.dev/efa";
    public static final String NAMESPACE = "kube-system";

    /** A pool and the instance types it may launch. */
    public record Pool(NodePoolSpec spec, List<InstanceType> types, boolean karpenter) {
    }

    private final Map<String, NodeGroupLaunchTemplateArgs> launchTemplates = new HashMap<>();
    /** What node groups and NodePools with EFA or placement wait for (security group rules, placement groups). */
    public final List<Resource> ready;

    /**
     * @param name                   {@code <cluster>-gpu-network}
     * @param physicalName           the EKS cluster name
     * @param vpcId                  the cluster's VPC
     * @param clusterSecurityGroupId the EKS cluster security group (node groups with a launch template must name it)
     * @param kubeconfig             for the device plugin
     */
    public EksGpuNetwork(String name, String physicalName, Output<String> vpcId, Output<String> clusterSecurityGroupId, List<Pool> pools,
                         Output<String> kubeconfig, Map<String, String> tags, ChartSource charts, ComponentResourceOptions options) {
        super(TYPE, name, options);
        String prefix = name.substring(0, name.length() - "-gpu-network".length());
        var child = CustomResourceOptions.builder().parent(this).build();
        var ready = new ArrayList<Resource>();
        boolean anyEfa = pools.stream().anyMatch(p -> PoolNetwork.efa(p.spec()));
        SecurityGroup efa = null;
        if (anyEfa) {
            var sgTags = new TreeMap<>(tags);
            sgTags.put(EFA_SG_TAG, physicalName);
            sgTags.put("Name", physicalName + "-efa");
            efa = new SecurityGroup(prefix + "-efa", SecurityGroupArgs.builder()
                    .vpcId(vpcId)
                    .description("EFA traffic between the GPU nodes of " + physicalName)
                    .tags(sgTags).build(), child);
            for (String type : List.of("ingress", "egress")) {
                ready.add(new SecurityGroupRule(prefix + "-efa-self-" + type, SecurityGroupRuleArgs.builder()
                        .type(type).securityGroupId(efa.id()).self(true)
                        .protocol("-1").fromPort(0).toPort(0)
                        .description("all traffic " + (type.equals("ingress") ? "from" : "to") + " this group (EFA)").build(), child));
            }
            var provider = new Provider(prefix + "-efa-provider", ProviderArgs.builder().kubeconfig(kubeconfig.asSecret()).build(), child);
            new Release(prefix + "-efa-device-plugin", ReleaseArgs.builder()
                    .name("aws-efa-k8s-device-plugin")
                    .namespace(NAMESPACE)
                    .chart(charts.chart(Charts.EFA_DEVICE_PLUGIN))
                    .version(Charts.EFA_DEVICE_PLUGIN.version())
                    .repositoryOpts(charts.repositoryOpts(Charts.EFA_DEVICE_PLUGIN))
                    .values(devicePluginValues())
                    .build(), CustomResourceOptions.builder().parent(this).provider(provider).build());
        }
        for (Pool pool : pools) {
            NodePoolSpec p = pool.spec();
            PlacementGroup group = null;
            if (PoolNetwork.awsPlacement(p) == Placement.COMPACT) {
                group = new PlacementGroup(prefix + "-" + p.name() + "-placement", PlacementGroupArgs.builder()
                        .name(placementGroupName(physicalName, p))
                        .strategy("cluster")
                        .tags(tags).build(), child);
                ready.add(group);
            }
            if (pool.karpenter() || (group == null && !PoolNetwork.efa(p))) {
                continue;
            }
            var lt = LaunchTemplateArgs.builder()
                    .description("GPU networking of node group " + p.name() + " of " + physicalName)
                    .updateDefaultVersion(true)
                    .blockDeviceMappings(LaunchTemplateBlockDeviceMappingArgs.builder()
                            .deviceName("/dev/xvda")
                            .ebs(LaunchTemplateBlockDeviceMappingEbsArgs.builder()
                                    .volumeSize(p.diskSizeGb()).volumeType("gp3").encrypted("true").deleteOnTermination("true").build())
                            .build())
                    .tags(tags);
            if (group != null) {
                lt.placement(LaunchTemplatePlacementArgs.builder().groupName(group.name()).build());
            }
            if (PoolNetwork.efa(p)) {
                Output<List<String>> groups = Output.all(clusterSecurityGroupId, efa.id());
                lt.networkInterfaces(EfaInterfaces.of(PoolNetworkRules.efaCount(pool.types())).stream()
                        .map(i -> LaunchTemplateNetworkInterfaceArgs.builder()
                                .networkCardIndex(i.networkCardIndex()).deviceIndex(i.deviceIndex()).interfaceType(i.interfaceType())
                                .securityGroups(groups).deleteOnTermination("true").build())
                        .toList());
            }
            var template = new LaunchTemplate(prefix + "-" + p.name() + "-launch-template", lt.build(), child);
            launchTemplates.put(p.name(), NodeGroupLaunchTemplateArgs.builder()
                    .id(template.id()).version(template.latestVersion().applyValue(String::valueOf)).build());
        }
        this.ready = List.copyOf(ready);
        registerOutputs(Map.of());
    }

    /** The launch template of node-group pool {@code pool}; null when it needs none. */
    public NodeGroupLaunchTemplateArgs launchTemplate(String pool) {
        return launchTemplates.get(pool);
    }

    /** The EC2 name of a pool's cluster placement group. */
    public static String placementGroupName(String physicalCluster, NodePoolSpec pool) {
        return physicalCluster + "-" + pool.name();
    }

    /** The device plugin's values: tolerate the GPU taint (the chart tolerates only CriticalAddonsOnly). */
    static Map<String, Object> devicePluginValues() {
        var toleration = new LinkedHashMap<String, Object>();
        toleration.put("key", Taint.GPU.key());
        toleration.put("operator", "Exists");
        toleration.put("effect", Taint.GPU.effect());
        return Map.of("tolerations", List.of(toleration));
    }

    /**
     * Adds a Karpenter pool's GPU networking to its EC2NodeClass spec: the EFA interfaces and the EFA security group
     * (selected by {@value #EFA_SG_TAG}, beside the cluster's), and the placement group by name.
     */
    @SuppressWarnings("unchecked")
    public static void nodeClass(Map<String, Object> nodeClassSpec, NodePoolSpec p, List<InstanceType> types, String physicalCluster) {
        if (PoolNetwork.efa(p)) {
            nodeClassSpec.put("networkInterfaces", EfaInterfaces.nodeClassEntries(PoolNetworkRules.efaCount(types)));
            var terms = new ArrayList<Map<String, Object>>((List<Map<String, Object>>) nodeClassSpec.get("securityGroupSelectorTerms"));
            terms.add(Map.of("tags", Map.of(EFA_SG_TAG, physicalCluster)));
            nodeClassSpec.put("securityGroupSelectorTerms", terms);
        }
        if (PoolNetwork.awsPlacement(p) == Placement.COMPACT) {
            nodeClassSpec.put("placementGroupSelector", Map.of("name", placementGroupName(physicalCluster, p)));
        }
    }
}
