package dev.derrick.gcp;

import com.pulumi.core.Output;
import com.pulumi.gcp.container.NodePool;
import com.pulumi.gcp.container.NodePoolArgs;
import com.pulumi.gcp.container.inputs.NodePoolAutoscalingArgs;
import com.pulumi.gcp.container.inputs.NodePoolManagementArgs;
import com.pulumi.gcp.container.inputs.NodePoolNodeConfigArgs;
import com.pulumi.gcp.container.inputs.NodePoolNodeConfigGuestAcceleratorArgs;
import com.pulumi.gcp.container.inputs.NodePoolNodeConfigGuestAcceleratorGpuDriverInstallationConfigArgs;
import com.pulumi.gcp.container.inputs.NodePoolNodeConfigReservationAffinityArgs;
import com.pulumi.gcp.container.inputs.NodePoolNodeConfigShieldedInstanceConfigArgs;
import com.pulumi.gcp.container.inputs.NodePoolNodeConfigTaintArgs;
import com.pulumi.gcp.container.inputs.NodePoolNodeConfigWorkloadMetadataConfigArgs;
import com.pulumi.gcp.container.inputs.NodePoolPlacementPolicyArgs;
import com.pulumi.gcp.container.inputs.NodePoolUpgradeSettingsArgs;
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
import java.util.Set;

/**
 * A GKE node pool, GPU or CPU. A GPU pool gets the catalog's machine type with its guest
 * accelerators (type and count, drivers installed by GKE), the {@code nvidia.com/gpu} NoSchedule
 * taint and the same node labels as on every cloud ({@link NodePoolSpec#nodeLabels}).
 *
 * <ul>
 *   <li>Autoscaling uses the pool-wide {@code totalMinNodeCount}/{@code totalMaxNodeCount}: GKE's
 *       {@code minNodeCount}/{@code maxNodeCount} are per zone, Derrick's min and max are per pool.
 *       {@code initialNodeCount} is per zone too: {@code desired} is spread over the zones (rounded
 *       up), and later drift is ignored because the autoscaler owns the size (and a change would
 *       replace the pool).</li>
 *   <li>Spot: {@code spot: true}, which cannot consume reservations ({@code NO_RESERVATION}).
 *       Reserved: {@code ANY_RESERVATION}, or {@code SPECIFIC_RESERVATION} with
 *       {@code reservation}. On-demand leaves GCE's default (use a matching reservation if any).</li>
 *   <li>Compact placement ({@code COMPACT}: nodes close together for NCCL traffic) is set for the
 *       GPU families GKE supports it on, A2, A3 and G2 ({@link #COMPACT_FAMILIES}), when the pool
 *       runs in exactly one zone (compact placement is single-zone); {@code network.placement: none} turns it off, and
 *       {@code network.placement: compact} on a pool over several zones is a config error, not dropped.</li>
 *   <li>GPU sharing is GKE's own: {@code sharing: {mode: mig, profile: P}} sets the accelerator's
 *       {@code gpuPartitionSize: P} (GKE creates the MIG instances and advertises each as one
 *       {@code nvidia.com/gpu}), {@code {mode: time-slicing, replicas: N}} sets {@code gpuSharingConfig}
 *       {@code TIME_SHARING} with {@code maxSharedClientsPerGpu: N} (GKE allows 2..48). No GPU operator runs on GKE:
 *       GKE installs the driver and its own device plugin.</li>
 *   <li>The GPU taint's value is {@code present}: GKE itself taints GPU nodes
 *       {@code nvidia.com/gpu=present:NoSchedule}, and a second taint with the same key and effect
 *       but another value would conflict. Tolerations with {@code operator: Exists} match every cloud.</li>
 * </ul>
 */
public final class GkeNodePool extends ComponentResource {
    public static final String TYPE = "derrick:gcp:GkeNodePool";
    /** Machine families GKE supports compact placement on among the GPU types (A2, A3, G2). */
    public static final Set<String> COMPACT_FAMILIES = dev.derrick.network.PoolNetworkRules.GKE_COMPACT_FAMILIES;
    /** GKE installs the driver version it has validated for the node's GKE version. */
    public static final String GPU_DRIVER_VERSION = "DEFAULT";
    public static final String IMAGE_TYPE = "COS_CONTAINERD";
    /** GKE's GPU time-sharing strategy ({@code gpuSharingConfig.gpuSharingStrategy}). */
    public static final String TIME_SHARING = "TIME_SHARING";
    static final Taint GKE_GPU_TAINT = new Taint(Taint.GPU.key(), "present", Taint.GPU.effect());

    public final Output<String> nodePoolName;

    /**
     * @param name           component name, {@code <cluster>-<pool>}
     * @param instanceType   the catalog's (or the explicit) machine type; null for an uncatalogued CPU type
     * @param region         the cluster's location
     * @param zones          the pool's zones ({@code nodeLocations})
     * @param clusterName    the GKE cluster's name
     * @param serviceAccount the node service account's email
     * @param resourceLabels GCP labels for the node VMs
     */
    public GkeNodePool(String name, NodePoolSpec spec, InstanceType instanceType, String project, String region, List<String> zones,
                       Output<String> clusterName, Output<String> serviceAccount, Map<String, String> resourceLabels,
                       ComponentResourceOptions options) {
        this(name, spec, instanceType, project, region, zones, clusterName, serviceAccount, resourceLabels, List.of(), options);
    }

    /**
     * @param gpuNetworks GPUDirect pools: one GPU NIC per network of {@code dev.derrick.network.GkeGpuNetwork} (gVNIC on);
     *                    empty: none
     */
    public GkeNodePool(String name, NodePoolSpec spec, InstanceType instanceType, String project, String region, List<String> zones,
                       Output<String> clusterName, Output<String> serviceAccount, Map<String, String> resourceLabels,
                       List<com.pulumi.gcp.container.inputs.NodePoolNetworkConfigAdditionalNodeNetworkConfigArgs> gpuNetworks,
                       ComponentResourceOptions options) {
        super(TYPE, name, options);
        String machineType = instanceType != null ? instanceType.name() : spec.machineType();
        var nodeConfig = NodePoolNodeConfigArgs.builder()
                .machineType(machineType)
                .imageType(IMAGE_TYPE)
                .diskSizeGb(spec.diskSizeGb())
                .serviceAccount(serviceAccount)
                .oauthScopes("https://www.googleapis.com/auth/cloud-platform")
                .workloadMetadataConfig(NodePoolNodeConfigWorkloadMetadataConfigArgs.builder().mode("GKE_METADATA").build())
                .shieldedInstanceConfig(NodePoolNodeConfigShieldedInstanceConfigArgs.builder()
                        .enableSecureBoot(true).enableIntegrityMonitoring(true).build())
                .spot(spec.capacity() == CapacityType.SPOT)
                .labels(spec.nodeLabels(instanceType != null ? instanceType.gpus() : null))
                .taints(taints(spec))
                .resourceLabels(resourceLabels);
        if (spec.isGpu() && instanceType != null) {
            var accelerator = NodePoolNodeConfigGuestAcceleratorArgs.builder()
                    .type(instanceType.acceleratorType())
                    .count(instanceType.gpus())
                    .gpuDriverInstallationConfig(NodePoolNodeConfigGuestAcceleratorGpuDriverInstallationConfigArgs.builder()
                            .gpuDriverVersion(GPU_DRIVER_VERSION).build());
            sharing(spec, accelerator);
            nodeConfig.guestAccelerators(accelerator.build());
        }
        NodePoolNodeConfigReservationAffinityArgs affinity = reservationAffinity(spec);
        if (affinity != null) {
            nodeConfig.reservationAffinity(affinity);
        }
        boolean scarce = spec.isGpu() || spec.capacity() == CapacityType.SPOT;
        var args = NodePoolArgs.builder()
                .project(project)
                .cluster(clusterName)
                .location(region)
                .name(spec.name())
                .nodeLocations(zones)
                .initialNodeCount(perZone(spec.desired(), zones.size()))
                .autoscaling(NodePoolAutoscalingArgs.builder()
                        .totalMinNodeCount(spec.min())
                        .totalMaxNodeCount(spec.max())
                        // ANY: take scarce GPU or spot capacity in whichever zone has it; BALANCED spreads CPU pools.
                        // The pool's autoscaling.locationPolicy overrides either.
                        .locationPolicy(spec.autoscaling() != null && spec.autoscaling().locationPolicy() != null
                                ? spec.autoscaling().locationPolicy() : scarce ? "ANY" : "BALANCED")
                        .build())
                .management(NodePoolManagementArgs.builder().autoRepair(true).autoUpgrade(true).build())
                // GPU pools have no spare GPUs to surge into: replace one node at a time instead.
                .upgradeSettings(NodePoolUpgradeSettingsArgs.builder()
                        .maxSurge(spec.isGpu() ? 0 : 1).maxUnavailable(spec.isGpu() ? 1 : 0).build())
                .nodeConfig(nodeConfig.build());
        if (dev.derrick.network.PoolNetwork.written(spec) != dev.derrick.network.Placement.NONE && compactPlacement(machineType, zones)) {
            args.placementPolicy(NodePoolPlacementPolicyArgs.builder().type("COMPACT").build());
        }
        if (!gpuNetworks.isEmpty()) {
            nodeConfig.gvnic(com.pulumi.gcp.container.inputs.NodePoolNodeConfigGvnicArgs.builder().enabled(true).build());
            args.nodeConfig(nodeConfig.build());
            args.networkConfig(com.pulumi.gcp.container.inputs.NodePoolNetworkConfigArgs.builder().additionalNodeNetworkConfigs(gpuNetworks).build());
        }
        var pool = new NodePool(name, args.build(), CustomResourceOptions.builder()
                .parent(this)
                .ignoreChanges("initialNodeCount")
                .build());
        this.nodePoolName = pool.name();
        registerOutputs(Map.of("nodePoolName", nodePoolName));
    }

    /** GKE's native GPU sharing for the pool's {@code sharing}: a MIG partition size or time-sharing clients per GPU. */
    static void sharing(NodePoolSpec spec, NodePoolNodeConfigGuestAcceleratorArgs.Builder accelerator) {
        if (spec.sharing() == null || spec.sharing().mode() == null) {
            return;
        }
        if (spec.sharing().mode() == dev.derrick.config.SharingMode.MIG) {
            accelerator.gpuPartitionSize(spec.sharing().profile());
        } else {
            accelerator.gpuSharingConfig(com.pulumi.gcp.container.inputs.NodePoolNodeConfigGuestAcceleratorGpuSharingConfigArgs.builder()
                    .gpuSharingStrategy(TIME_SHARING)
                    .maxSharedClientsPerGpu(spec.sharing().replicas())
                    .build());
        }
    }

    /** Nodes per zone so that all zones together start with at least {@code desired}. */
    static int perZone(int desired, int zones) {
        return zones <= 1 ? desired : (desired + zones - 1) / zones;
    }

    static boolean compactPlacement(String machineType, List<String> zones) {
        int dash = machineType.indexOf('-');
        return zones.size() == 1 && dash > 0 && COMPACT_FAMILIES.contains(machineType.substring(0, dash));
    }

    static NodePoolNodeConfigReservationAffinityArgs reservationAffinity(NodePoolSpec spec) {
        if (spec.capacity() == CapacityType.SPOT) {
            return NodePoolNodeConfigReservationAffinityArgs.builder().consumeReservationType("NO_RESERVATION").build();
        }
        if (spec.capacity() != CapacityType.RESERVED) {
            return null;
        }
        if (spec.reservation() == null) {
            return NodePoolNodeConfigReservationAffinityArgs.builder().consumeReservationType("ANY_RESERVATION").build();
        }
        return NodePoolNodeConfigReservationAffinityArgs.builder()
                .consumeReservationType("SPECIFIC_RESERVATION")
                .key("compute.googleapis.com/reservation-name")
                .values(spec.reservation())
                .build();
    }

    /** The labels and taints this pool's nodes carry: the GPU taint with GKE's value {@code present}. */
    public static dev.derrick.kubernetes.NodeShape nodeShape(NodePoolSpec spec, InstanceType instanceType) {
        var taints = spec.nodeTaints().stream().map(t -> t.equals(Taint.GPU) ? GKE_GPU_TAINT : t).toList();
        return new dev.derrick.kubernetes.NodeShape(spec.nodeLabels(instanceType != null ? instanceType.gpus() : null), taints);
    }

    static List<NodePoolNodeConfigTaintArgs> taints(NodePoolSpec spec) {
        var out = new ArrayList<NodePoolNodeConfigTaintArgs>();
        for (Taint t : spec.nodeTaints()) {
            Taint taint = t.equals(Taint.GPU) ? GKE_GPU_TAINT : t;
            out.add(NodePoolNodeConfigTaintArgs.builder().key(taint.key()).value(taint.value()).effect(taint.upperSnakeEffect()).build());
        }
        return out;
    }
}
