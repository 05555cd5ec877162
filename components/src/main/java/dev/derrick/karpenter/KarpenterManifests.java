package dev.derrick.karpenter;

import dev.derrick.catalog.InstanceType;
import dev.derrick.config.CapacityType;
import dev.derrick.config.NodePoolSpec;
import dev.derrick.config.Taint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Karpenter objects of one pool, as plain maps: a {@code NodePool} (karpenter.sh/v1) and its {@code EC2NodeClass}
 * (karpenter.k8s.aws/v1), field names as in the CRDs of Karpenter 1.14.1 (charts/vendor/karpenter-crd-1.14.1). Pure
 * functions of the pool, so the component applies exactly what the pod-matching and dry-run tests examine.
 */
public final class KarpenterManifests {
    public static final String NODEPOOL_API = "karpenter.sh/v1";
    public static final String NODECLASS_API = "karpenter.k8s.aws/v1";
    /** The tag Karpenter's EC2NodeClass selects the cluster's subnets and security group by. */
    public static final String DISCOVERY_TAG = "karpenter.sh/discovery";
    public static final String CAPACITY_TYPE = "karpenter.sh/capacity-type";
    public static final String INSTANCE_TYPE = "node.kubernetes.io/instance-type";
    public static final String INSTANCE_FAMILY = "karpenter.k8s.aws/instance-family";
    public static final String ARCH = "kubernetes.io/arch";
    public static final String ZONE = "topology.kubernetes.io/zone";
    /** Karpenter's resource name for node limits on GPUs (the device plugin's resource). */
    public static final String GPU_RESOURCE = "nvidia.com/gpu";

    private KarpenterManifests() {
    }

    /**
     * The NodePool of {@code p}.
     *
     * @param types the pool's allowed instance types ({@link InstanceChoice}), cheapest first; not empty
     * @param zones the zones its nodes may use (the pool's, else the cluster's); empty: any zone of the subnets
     */
    public static Map<String, Object> nodePool(NodePoolSpec p, List<InstanceType> types, List<String> zones) {
        KarpenterSpec k = KarpenterPools.settings(p);
        var requirements = new ArrayList<Map<String, Object>>();
        requirements.add(requirement(CAPACITY_TYPE, capacityTypes(p.capacity())));
        requirements.add(requirement(INSTANCE_TYPE, types.stream().map(InstanceType::name).sorted().distinct().toList()));
        requirements.add(requirement(INSTANCE_FAMILY, types.stream().map(InstanceChoice::family).sorted().distinct().toList()));
        requirements.add(requirement(ARCH, types.stream().map(KarpenterManifests::arch).sorted().distinct().toList()));
        if (!zones.isEmpty()) {
            requirements.add(requirement(ZONE, List.copyOf(zones)));
        }
        var taints = new ArrayList<Map<String, Object>>();
        for (Taint t : p.nodeTaints()) {
            var m = new LinkedHashMap<String, Object>();
            m.put("key", t.key());
            if (t.value() != null && !t.value().isEmpty()) {
                m.put("value", t.value());
            }
            m.put("effect", t.effect());
            taints.add(m);
        }
        var nodeSpec = new LinkedHashMap<String, Object>();
        nodeSpec.put("nodeClassRef", Map.of("group", "karpenter.k8s.aws", "kind", "EC2NodeClass", "name", p.name()));
        nodeSpec.put("requirements", requirements);
        if (!taints.isEmpty()) {
            nodeSpec.put("taints", taints);
        }
        nodeSpec.put("expireAfter", k.expireAfter());

        var disruption = new LinkedHashMap<String, Object>();
        disruption.put("consolidationPolicy", k.consolidationPolicy().karpenter);
        disruption.put("consolidateAfter", k.consolidateAfter());
        if (!k.budgets().isEmpty()) {
            var budgets = new ArrayList<Map<String, Object>>();
            for (var b : k.budgets()) {
                var m = new LinkedHashMap<String, Object>();
                m.put("nodes", b.nodes());
                if (!b.reasons().isEmpty()) {
                    m.put("reasons", b.reasons());
                }
                if (b.schedule() != null) {
                    m.put("schedule", b.schedule());
                    m.put("duration", b.duration());
                }
                budgets.add(m);
            }
            disruption.put("budgets", budgets);
        }

        var spec = new LinkedHashMap<String, Object>();
        spec.put("template", Map.of("metadata", Map.of("labels", labels(p, types)), "spec", nodeSpec));
        spec.put("disruption", disruption);
        spec.put("limits", limits(p, types));
        if (k.weight() != null) {
            spec.put("weight", k.weight());
        }
        return object(NODEPOOL_API, "NodePool", p.name(), spec);
    }

    /** The labels Karpenter puts on every node of the pool: Derrick's pool and GPU labels, and the GPU operator's. */
    public static Map<String, String> labels(NodePoolSpec p, List<InstanceType> types) {
        var counts = new LinkedHashSet<Integer>();
        types.forEach(t -> counts.add(t.gpus()));
        var out = new TreeMap<String, String>(p.nodeLabels(counts.size() == 1 ? counts.iterator().next() : null));
        out.putAll(p.gpuOperatorLabels());
        return out;
    }

    /** What the NodePool puts on its nodes: its template's labels and taints, for whatever schedules onto the pool (Kueue's flavors). */
    public static dev.derrick.kubernetes.NodeShape nodeShape(NodePoolSpec p, List<InstanceType> types) {
        return new dev.derrick.kubernetes.NodeShape(new TreeMap<>(labels(p, types)), p.nodeTaints());
    }

    /**
     * The most the pool may run at once: {@code limits.gpus}/{@code limits.cpu} when set, else {@code max} nodes of its
     * largest type. Karpenter has no node-count limit, so {@code max} becomes these resource limits.
     */
    public static Map<String, Object> limits(NodePoolSpec p, List<InstanceType> types) {
        KarpenterSpec k = KarpenterPools.settings(p);
        int maxNodes = p.max() == null ? 1 : p.max();
        int gpus = k.limitGpus() != null ? k.limitGpus() : maxNodes * types.stream().mapToInt(InstanceType::gpus).max().orElse(0);
        int cpu = k.limitCpu() != null ? k.limitCpu() : maxNodes * types.stream().mapToInt(InstanceType::vcpus).max().orElse(0);
        var out = new LinkedHashMap<String, Object>();
        out.put("cpu", Integer.toString(cpu));
        out.put(GPU_RESOURCE, Integer.toString(gpus));
        return out;
    }

    /**
     * The EC2NodeClass of {@code p}.
     *
     * @param nodeRole         the IAM role (name) Karpenter's nodes run as
     * @param discovery        the {@value #DISCOVERY_TAG} value of the cluster's private subnets and security group
     * @param subnetIds        explicit subnet ids (clusters on existing subnets); empty: select by the discovery tag
     * @param tags             the stack's tags, put on every instance, volume and network interface
     */
    public static Map<String, Object> nodeClass(NodePoolSpec p, String nodeRole, String discovery, List<String> subnetIds, Map<String, String> tags) {
        KarpenterSpec k = KarpenterPools.settings(p);
        var spec = new LinkedHashMap<String, Object>();
        spec.put("role", nodeRole);
        spec.put("amiSelectorTerms", List.of(Map.of("alias", k.amiFamily().alias + "@" + k.amiVersion())));
        spec.put("subnetSelectorTerms", subnetIds.isEmpty()
                ? List.of(Map.of("tags", Map.of(DISCOVERY_TAG, discovery)))
                : subnetIds.stream().map(id -> Map.<String, Object>of("id", id)).toList());
        spec.put("securityGroupSelectorTerms", List.of(Map.of("tags", Map.of(DISCOVERY_TAG, discovery))));
        spec.put("blockDeviceMappings", blockDevices(p, k));
        if (p.capacity() == CapacityType.RESERVED) {
            spec.put("capacityReservationSelectorTerms", k.capacityReservations().stream().map(id -> Map.<String, Object>of("id", id)).toList());
        }
        if (!tags.isEmpty()) {
            spec.put("tags", new TreeMap<>(tags));
        }
        return object(NODECLASS_API, "EC2NodeClass", p.name(), spec);
    }

    /**
     * The node volumes, all encrypted: AL2023 boots and runs containers from {@code /dev/xvda} ({@code diskSizeGb});
     * Bottlerocket boots from a 4 GiB {@code /dev/xvda} and runs containers from {@code /dev/xvdb} ({@code diskSizeGb}),
     * as Karpenter's defaults for these families do (pkg/providers/amifamily at v1.14.1). The optional data volume comes
     * next.
     */
    static List<Map<String, Object>> blockDevices(NodePoolSpec p, KarpenterSpec k) {
        var out = new ArrayList<Map<String, Object>>();
        char next;
        if (k.amiFamily() == KarpenterSpec.AmiFamily.BOTTLEROCKET) {
            out.add(device("/dev/xvda", 4, k));
            out.add(device("/dev/xvdb", p.diskSizeGb(), k));
            next = 'c';
        } else {
            out.add(device("/dev/xvda", p.diskSizeGb(), k));
            next = 'b';
        }
        if (k.dataVolumeGb() != null) {
            out.add(device("/dev/xvd" + next, k.dataVolumeGb(), k));
        }
        return out;
    }

    private static Map<String, Object> device(String name, int sizeGb, KarpenterSpec k) {
        var ebs = new LinkedHashMap<String, Object>();
        ebs.put("volumeSize", sizeGb + "Gi");
        ebs.put("volumeType", k.volumeType());
        ebs.put("encrypted", true);
        if (k.kmsKeyId() != null) {
            ebs.put("kmsKeyID", k.kmsKeyId());
        }
        ebs.put("deleteOnTermination", true);
        return Map.of("deviceName", name, "ebs", ebs);
    }

    /** Karpenter's capacity types for a pool's capacity; spot-preferred allows both (Karpenter launches spot first). */
    public static List<String> capacityTypes(CapacityType capacity) {
        return switch (capacity) {
            case SPOT -> List.of("spot");
            case SPOT_PREFERRED -> List.of("spot", "on-demand");
            case RESERVED -> List.of("reserved");
            case ON_DEMAND -> List.of("on-demand");
        };
    }

    /** Graviton families (a digit then g: g5g, c7g) are arm64; the rest of the catalog is amd64. */
    static String arch(InstanceType t) {
        return InstanceChoice.family(t).matches("[a-z]+\\d+g[a-z]*") ? "arm64" : "amd64";
    }

    private static Map<String, Object> requirement(String key, List<String> values) {
        var m = new LinkedHashMap<String, Object>();
        m.put("key", key);
        m.put("operator", "In");
        m.put("values", values);
        return m;
    }

    private static Map<String, Object> object(String apiVersion, String kind, String name, Map<String, Object> spec) {
        var m = new LinkedHashMap<String, Object>();
        m.put("apiVersion", apiVersion);
        m.put("kind", kind);
        m.put("metadata", Map.of("name", name, "labels", Map.of("app.kubernetes.io/managed-by", "derrick")));
        m.put("spec", spec);
        return m;
    }
}
