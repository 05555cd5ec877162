package dev.derrick.config;

import java.util.List;
import java.util.Map;

/**
 * One node pool of a cluster, and (without {@code name}) a cluster's {@code nodePoolDefaults}. A GPU pool names an {@code accelerator} (a catalog key such as
 * {@code h100-80gb}) and Derrick picks the instance type; a CPU pool names a {@code machineType}.
 *
 * @param name         pool name, unique in its cluster; DNS label ([a-z0-9-], max 40)
 * @param accelerator  catalog key of the GPU model; null for a CPU pool
 * @param gpusPerNode  GPUs per node; default: the smallest count the cloud offers for the accelerator
 * @param machineType  explicit instance type; overrides the catalog's pick and is checked against it
 * @param min          minimum nodes (0 allows scale to zero); required
 * @param max          maximum nodes; required, {@code >= min}, {@code >= 1}
 * @param desired      nodes at creation; default {@code min}
 * @param capacity     default {@code on-demand}
 * @param zones        zones for this pool; default: the cluster's zones
 * @param diskSizeGb   root volume size; default 200 for GPU pools (container images of ML frameworks are large), 50 otherwise
 * @param labels       extra node labels; Derrick adds pool and GPU labels itself
 * @param taints       extra taints; GPU pools also get {@link Taint#GPU}
 * @param gpuTaint     whether a GPU pool gets {@link Taint#GPU}; default true
 * @param reservation  gcp only, with {@code capacity: reserved}: name of the Compute Engine reservation the nodes
 *                     consume ({@code SPECIFIC_RESERVATION}); default: any matching reservation ({@code ANY_RESERVATION})
 * @param nodes        onprem only: the existing nodes of the pool, by Kubernetes node name; Derrick labels and taints
 *                     each of them; {@code min} and {@code max} default to their number
 * @param nodeSelector onprem only, instead of {@code nodes}: labels that select the pool's existing nodes; {@code max}
 *                     (how many nodes it selects) is then required, {@code min} defaults to it
 * @param sharing      GPU pools: how pods share the GPUs (MIG or time-slicing); default none (one pod per GPU)
 * @param provisioner  aws only: what creates the pool's nodes; null: Karpenter for GPU pools, a managed node group for
 *                     CPU pools (see {@code dev.derrick.karpenter.KarpenterPools#provisioner})
 * @param karpenter    aws Karpenter pools only: instance flexibility, consolidation, limits, AMI and volumes; null: defaults
 * @param autoscaling  gcp and azure only: settings of the cloud's own autoscaler; null: the API's defaults
 * @param network      node-to-node GPU networking (EFA, placement); null: none (see {@link dev.derrick.network.PoolNetwork})
 */
public record NodePoolSpec(
        String name,
        String accelerator,
        Integer gpusPerNode,
        String machineType,
        Integer min,
        Integer max,
        Integer desired,
        CapacityType capacity,
        List<String> zones,
        Integer diskSizeGb,
        Map<String, String> labels,
        List<Taint> taints,
        Boolean gpuTaint,
        String reservation,
        List<String> nodes,
        Map<String, String> nodeSelector,
        GpuSharing sharing,
        dev.derrick.karpenter.Provisioner provisioner,
        dev.derrick.karpenter.KarpenterSpec karpenter,
        NativeAutoscaling autoscaling,
        dev.derrick.network.PoolNetwork network) {

    public NodePoolSpec {
        // Existing machines: the pool is as large as its node list (or what the selector is declared to match).
        if (nodes != null && !nodes.isEmpty()) {
            min = min == null ? Integer.valueOf(nodes.size()) : min;
            max = max == null ? Integer.valueOf(nodes.size()) : max;
        } else if (nodeSelector != null && !nodeSelector.isEmpty()) {
            min = min == null ? max : min;
        }
        nodes = nodes == null ? null : List.copyOf(nodes);
        nodeSelector = nodeSelector == null ? null : Map.copyOf(nodeSelector);
        desired = desired == null ? min : desired;
        capacity = capacity == null ? CapacityType.ON_DEMAND : capacity;
        diskSizeGb = diskSizeGb == null ? (accelerator != null ? 200 : 50) : diskSizeGb;
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        taints = taints == null ? List.of() : List.copyOf(taints);
        gpuTaint = gpuTaint == null ? Boolean.TRUE : gpuTaint;
        zones = zones == null ? null : List.copyOf(zones);
    }

    /** A pool without on-prem node selection or sharing: the form every cloud pool had before either existed. */
    public NodePoolSpec(String name, String accelerator, Integer gpusPerNode, String machineType, Integer min, Integer max, Integer desired,
                        CapacityType capacity, List<String> zones, Integer diskSizeGb, Map<String, String> labels, List<Taint> taints,
                        Boolean gpuTaint, String reservation) {
        this(name, accelerator, gpusPerNode, machineType, min, max, desired, capacity, zones, diskSizeGb, labels, taints, gpuTaint, reservation,
                null, null, null);
    }

    /** A pool without an explicit provisioner or Karpenter settings: the form every pool had before Karpenter pools. */
    public NodePoolSpec(String name, String accelerator, Integer gpusPerNode, String machineType, Integer min, Integer max, Integer desired,
                        CapacityType capacity, List<String> zones, Integer diskSizeGb, Map<String, String> labels, List<Taint> taints,
                        Boolean gpuTaint, String reservation, List<String> nodes, Map<String, String> nodeSelector, GpuSharing sharing) {
        this(name, accelerator, gpusPerNode, machineType, min, max, desired, capacity, zones, diskSizeGb, labels, taints, gpuTaint, reservation,
                nodes, nodeSelector, sharing, null, null, null, null);
    }

    /** A pool without GPU networking: the form every pool had before {@code network:}. */
    public NodePoolSpec(String name, String accelerator, Integer gpusPerNode, String machineType, Integer min, Integer max, Integer desired,
                        CapacityType capacity, List<String> zones, Integer diskSizeGb, Map<String, String> labels, List<Taint> taints,
                        Boolean gpuTaint, String reservation, List<String> nodes, Map<String, String> nodeSelector, GpuSharing sharing,
                        dev.derrick.karpenter.Provisioner provisioner, dev.derrick.karpenter.KarpenterSpec karpenter, NativeAutoscaling autoscaling) {
        this(name, accelerator, gpusPerNode, machineType, min, max, desired, capacity, zones, diskSizeGb, labels, taints, gpuTaint, reservation,
                nodes, nodeSelector, sharing, provisioner, karpenter, autoscaling, null);
    }

    /** This pool with {@code sharing} instead of its own. */
    public NodePoolSpec withSharing(GpuSharing sharing) {
        return new NodePoolSpec(name, accelerator, gpusPerNode, machineType, min, max, desired, capacity, zones, diskSizeGb, labels, taints,
                gpuTaint, reservation, nodes, nodeSelector, sharing, provisioner, karpenter, autoscaling, network);
    }

    public boolean isGpu() {
        return accelerator != null;
    }

    /**
     * The Kubernetes labels every node of this pool carries, the same on every cloud: the pool's
     * own labels plus {@code derrick.dev/pool}, {@code derrick.dev/capacity} and, on GPU pools,
     * {@code derrick.dev/accelerator}, {@code nvidia.com/gpu.present} and (when known)
     * {@code derrick.dev/gpu-count}.
     *
     * @param gpuCount GPUs per node of the chosen machine type; null when not known
     */
    public java.util.SortedMap<String, String> nodeLabels(Integer gpuCount) {
        var out = new java.util.TreeMap<String, String>(labels);
        out.put("derrick.dev/pool", name);
        out.put("derrick.dev/capacity", capacity.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        if (isGpu()) {
            out.put("derrick.dev/accelerator", accelerator);
            out.put("nvidia.com/gpu.present", "true");
            if (gpuCount != null) {
                out.put("derrick.dev/gpu-count", Integer.toString(gpuCount));
            }
        }
        return out;
    }

    /** Node label that picks a node's entry in the GPU operator's device plugin ConfigMap. */
    public static final String DEVICE_PLUGIN_CONFIG_LABEL = "nvidia.com/device-plugin.config";
    /** Node label that picks a node's configuration in the GPU operator's MIG manager ConfigMap. */
    public static final String MIG_CONFIG_LABEL = "nvidia.com/mig.config";

    /**
     * The node labels the NVIDIA GPU operator reads for this pool's {@code sharing}: the device plugin config
     * ({@value #DEVICE_PLUGIN_CONFIG_LABEL}, the pool's own entry) and, for MIG, the MIG manager config
     * ({@value #MIG_CONFIG_LABEL}, {@code all-<profile>}); empty without sharing. Not used on GKE, whose node
     * pools share GPUs natively.
     */
    public java.util.SortedMap<String, String> gpuOperatorLabels() {
        var out = new java.util.TreeMap<String, String>();
        if (!isGpu() || sharing == null || sharing.mode() == null) {
            return out;
        }
        out.put(DEVICE_PLUGIN_CONFIG_LABEL, name);
        if (sharing.mode() == SharingMode.MIG && sharing.profile() != null) {
            out.put(MIG_CONFIG_LABEL, migConfigName(sharing.profile()));
        }
        return out;
    }

    /** The MIG manager configuration that puts {@code profile} on every GPU, named as NVIDIA's defaults are: {@code all-1g.10gb}, {@code all-1g.10gb.me}. */
    public static String migConfigName(String profile) {
        return "all-" + profile.replace('+', '.');
    }

    /** The taints of the pool's nodes: {@link Taint#GPU} on a GPU pool (unless {@code gpuTaint: false}), then the pool's own. */
    public List<Taint> nodeTaints() {
        var out = new java.util.ArrayList<Taint>();
        if (isGpu() && gpuTaint) {
            out.add(Taint.GPU);
        }
        out.addAll(taints);
        return List.copyOf(out);
    }
}
