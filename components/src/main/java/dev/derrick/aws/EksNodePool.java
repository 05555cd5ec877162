package dev.derrick.aws;

import com.pulumi.aws.eks.NodeGroup;
import com.pulumi.aws.eks.NodeGroupArgs;
import com.pulumi.aws.eks.inputs.NodeGroupScalingConfigArgs;
import com.pulumi.aws.eks.inputs.NodeGroupTaintArgs;
import com.pulumi.aws.eks.inputs.NodeGroupUpdateConfigArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.derrick.catalog.InstanceType;
import dev.derrick.config.CapacityType;
import dev.derrick.config.NodePoolSpec;
import dev.derrick.config.Taint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An EKS managed node group: a GPU pool (NVIDIA AMI, {@code nvidia.com/gpu} NoSchedule taint,
 * GPU labels) or a CPU pool such as the system pool. Autoscalers own the desired size after
 * creation, so Pulumi ignores drift in it.
 */
public final class EksNodePool extends ComponentResource {
    public static final String TYPE = "derrick:aws:EksNodePool";
    /** EKS AMI type for NVIDIA GPU nodes: Amazon Linux 2023 with the NVIDIA driver and container toolkit. */
    public static final String GPU_AMI = "AL2023_x86_64_NVIDIA";
    public static final String CPU_AMI = "AL2023_x86_64_STANDARD";
    public static final String CPU_ARM_AMI = "AL2023_ARM_64_STANDARD";
    private static final Pattern GRAVITON = Pattern.compile("[a-z]+\\d+g[a-z]*\\..*");

    public final Output<String> nodeGroupName;

    /**
     * @param name         component name, {@code <cluster>-<pool>}
     * @param spec         the pool
     * @param instanceType the catalog's (or the explicit) instance type; null for an uncatalogued CPU type
     * @param clusterName  the EKS cluster's name
     * @param nodeRoleArn  the node IAM role
     * @param subnetIds    private subnets in the pool's zones
     */
    public EksNodePool(String name, NodePoolSpec spec, InstanceType instanceType, Output<String> clusterName, Output<String> nodeRoleArn,
                       List<Output<String>> subnetIds, Map<String, String> tags, ComponentResourceOptions options) {
        this(name, spec, instanceType, clusterName, nodeRoleArn, subnetIds, tags, null, options);
    }

    /**
     * @param launchTemplate the pool's launch template (EFA interfaces, placement group, root volume) from
     *                       {@code dev.derrick.network.EksGpuNetwork}; null: none, the node group's {@code diskSize} sizes the root volume
     */
    public EksNodePool(String name, NodePoolSpec spec, InstanceType instanceType, Output<String> clusterName, Output<String> nodeRoleArn,
                       List<Output<String>> subnetIds, Map<String, String> tags,
                       com.pulumi.aws.eks.inputs.NodeGroupLaunchTemplateArgs launchTemplate, ComponentResourceOptions options) {
        super(TYPE, name, options);
        String type = instanceType != null ? instanceType.name() : spec.machineType();
        var args = NodeGroupArgs.builder()
                .clusterName(clusterName)
                .nodeRoleArn(nodeRoleArn)
                .subnetIds(Output.all(subnetIds))
                .instanceTypes(type)
                .amiType(amiType(spec, type))
                .capacityType(capacityType(spec.capacity()))
                .scalingConfig(NodeGroupScalingConfigArgs.builder()
                        .minSize(spec.min()).maxSize(spec.max()).desiredSize(spec.desired()).build())
                .updateConfig(NodeGroupUpdateConfigArgs.builder().maxUnavailable(1).build())
                .labels(labels(spec, instanceType))
                .taints(taints(spec))
                .tags(tags);
        if (launchTemplate != null) {
            args.launchTemplate(launchTemplate);   // EKS refuses diskSize beside a launch template: the template sizes the disk
        } else {
            args.diskSize(spec.diskSizeGb());
        }
        var group = new NodeGroup(name, args.build(), CustomResourceOptions.builder()
                .parent(this)
                .ignoreChanges("scalingConfig.desiredSize")
                .build());
        this.nodeGroupName = group.nodeGroupName();
        registerOutputs(Map.of("nodeGroupName", nodeGroupName));
    }

    static String amiType(NodePoolSpec spec, String type) {
        if (spec.isGpu()) {
            return GPU_AMI;
        }
        return GRAVITON.matcher(type).matches() ? CPU_ARM_AMI : CPU_AMI;
    }

    /** Reserved capacity (RIs, savings plans) is billed against on-demand usage, so it maps to ON_DEMAND. */
    static String capacityType(CapacityType capacity) {
        return capacity == CapacityType.SPOT ? "SPOT" : "ON_DEMAND";
    }

    /** The pool's node labels, and the labels that pick its GPU sharing configuration in the GPU operator. */
    static Map<String, String> labels(NodePoolSpec spec, InstanceType instanceType) {
        var out = spec.nodeLabels(instanceType != null ? instanceType.gpus() : null);
        out.putAll(spec.gpuOperatorLabels());
        return out;
    }

    /** The labels and taints this pool's nodes carry ({@link #labels}, {@link NodePoolSpec#nodeTaints}). */
    public static dev.derrick.kubernetes.NodeShape nodeShape(NodePoolSpec spec, InstanceType instanceType) {
        return new dev.derrick.kubernetes.NodeShape(new java.util.TreeMap<>(labels(spec, instanceType)), spec.nodeTaints());
    }

    static List<NodeGroupTaintArgs> taints(NodePoolSpec spec) {
        var out = new ArrayList<NodeGroupTaintArgs>();
        for (Taint t : spec.nodeTaints()) {
            out.add(NodeGroupTaintArgs.builder().key(t.key()).value(t.value()).effect(t.upperSnakeEffect()).build());
        }
        return out;
    }
}
