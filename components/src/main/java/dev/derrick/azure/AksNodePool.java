package dev.derrick.azure;

import com.pulumi.azurenative.containerservice.AgentPool;
import com.pulumi.azurenative.containerservice.AgentPoolArgs;
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

/**
 * An AKS user node pool ({@code AgentPool}), GPU or CPU: the catalog's VM size, autoscaling
 * between min and max, zones, node labels as on every cloud ({@link NodePoolSpec#nodeLabels})
 * and the {@code nvidia.com/gpu=true:NoSchedule} taint on GPU pools (AKS installs the NVIDIA
 * driver on N-series sizes itself).
 *
 * <p>Spot pools use eviction policy {@code Delete} (an evicted VM is gone, not stopped and still
 * billed for its disk) and {@code spotMaxPrice: -1} (pay up to the on-demand price, never evicted
 * for price). AKS taints spot nodes {@code kubernetes.azure.com/scalesetpriority=spot:NoSchedule}
 * by itself; Derrick writes that taint too, so the desired state matches what AKS reports.
 * Reserved capacity maps to {@code Regular} priority (reservations are billing). The autoscaler
 * owns {@code count} after creation.
 */
public final class AksNodePool extends ComponentResource {
    public static final String TYPE = "derrick:azure:AksNodePool";
    /** The taint AKS puts on every spot node. */
    public static final Taint SPOT_TAINT = Taint.AKS_SPOT;

    public final Output<String> agentPoolName;

    /**
     * @param name              component name, {@code <cluster>-<pool>}
     * @param instanceType      the catalog's (or the explicit) VM size; null for an uncatalogued CPU size
     * @param resourceGroupName the cluster's resource group
     * @param clusterName       the AKS cluster's name
     * @param zones             availability zones ("1", "2", "3"); empty: no zone pinning
     */
    public AksNodePool(String name, NodePoolSpec spec, InstanceType instanceType, Output<String> resourceGroupName,
                       Output<String> clusterName, List<String> zones, Map<String, String> tags, ComponentResourceOptions options) {
        super(TYPE, name, options);
        boolean spot = spec.capacity() == CapacityType.SPOT;
        var args = AgentPoolArgs.builder()
                .resourceGroupName(resourceGroupName)
                .resourceName(clusterName)
                .agentPoolName(spec.name())
                .mode("User")
                .osType("Linux")
                .type("VirtualMachineScaleSets")
                .vmSize(vmSize(spec, instanceType))
                .osDiskSizeGB(spec.diskSizeGb())
                .enableAutoScaling(true)
                .minCount(spec.min())
                .maxCount(spec.max())
                .count(spec.desired())
                .nodeLabels(labels(spec, instanceType))
                .nodeTaints(taints(spec))
                .scaleSetPriority(spot ? "Spot" : "Regular")
                .tags(tags);
        if (spec.autoscaling() != null && spec.autoscaling().scaleDownMode() != null) {
            args.scaleDownMode(spec.autoscaling().scaleDownMode());
        }
        if (spot) {
            args.scaleSetEvictionPolicy("Delete").spotMaxPrice(-1.0);
        }
        if (!zones.isEmpty()) {
            args.availabilityZones(zones);
        }
        var pool = new AgentPool(name, args.build(), CustomResourceOptions.builder().parent(this).ignoreChanges("count").build());
        this.agentPoolName = pool.name();
        registerOutputs(Map.of("agentPoolName", agentPoolName));
    }

    static String vmSize(NodePoolSpec spec, InstanceType instanceType) {
        return instanceType != null ? instanceType.name() : spec.machineType();
    }

    /** The pool's taints as AKS writes them ({@code key=value:Effect}), with AKS's own spot taint on spot pools. */
    static List<String> taints(NodePoolSpec spec) {
        var out = new ArrayList<String>();
        spec.nodeTaints().forEach(t -> out.add(t.kubectlForm()));
        if (spec.capacity() == CapacityType.SPOT) {
            out.add(SPOT_TAINT.kubectlForm());
        }
        return out;
    }

    /** The labels and taints this pool's nodes carry: its own taints, and on spot pools the taint AKS adds itself. */
    public static dev.derrick.kubernetes.NodeShape nodeShape(NodePoolSpec spec, InstanceType instanceType) {
        var taints = new java.util.ArrayList<>(spec.nodeTaints());
        if (spec.capacity() == dev.derrick.config.CapacityType.SPOT) {
            taints.add(SPOT_TAINT);
        }
        return new dev.derrick.kubernetes.NodeShape(new java.util.TreeMap<>(labels(spec, instanceType)), taints);
    }

    /** The pool's node labels, and the labels that pick its GPU sharing configuration in the GPU operator. */
    static Map<String, String> labels(NodePoolSpec spec, InstanceType instanceType) {
        var out = spec.nodeLabels(instanceType != null ? instanceType.gpus() : null);
        out.putAll(spec.gpuOperatorLabels());
        return out;
    }
}
