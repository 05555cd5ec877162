package dev.derrick.network;

import dev.derrick.catalog.Catalog;
import dev.derrick.catalog.InstanceType;
import dev.derrick.config.ClusterSpec;
import dev.derrick.config.NodePoolSpec;
import dev.derrick.config.Target;
import dev.derrick.config.internal.NodeReader;
import dev.derrick.config.internal.RuleSink;
import dev.derrick.karpenter.InstanceChoice;
import dev.derrick.karpenter.KarpenterPools;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Validation of a pool's {@code network:}. EFA and compact placement need exactly one zone (a cluster placement group
 * lives in one zone, and EFA traffic does not cross zones; pulumi-eks refuses EFA without exactly one zone for the
 * same reason), so a pool that spans zones is an error, never silently dropped.
 */
public final class PoolNetworkRules {
    /** GKE machine families with compact placement among the GPU types (A2, A3, G2); see {@code GkeNodePool}. */
    public static final Set<String> GKE_COMPACT_FAMILIES = Set.of("a2", "a3", "g2");

    private PoolNetworkRules() {
    }

    /** The rules of pool {@code p} of cluster {@code c} at {@code path} ({@code ...nodePools[i]}). */
    public static void pool(ClusterSpec c, NodePoolSpec p, String path, Catalog catalog, RuleSink sink) {
        PoolNetwork n = p.network();
        if (n == null) {
            return;
        }
        String at = path + ".network";
        String cloud = NodeReader.token(c.target());
        if (c.target() == Target.ONPREM || c.target() == Target.AZURE) {
            sink.add(at, "does not apply to " + cloud, null, c.target() == Target.AZURE
                    ? "remove network: ND-series VMs (e.g. Standard_ND96isr_H100_v5) carry InfiniBand through AKS's GPU node image"
                    : "remove network: an existing cluster's nodes are networked as they are");
            return;
        }
        if (n.efaEnabled() && c.target() != Target.AWS) {
            sink.add(at + ".efa", "EFA is an aws fabric", "true", "on gcp A3 pools use gpuDirect: true; compact placement is placement: compact");
        }
        if (Boolean.TRUE.equals(n.gpuDirect())) {
            if (c.target() != Target.GCP) {
                sink.add(at + ".gpuDirect", "GPUDirect-TCPX/TCPXO is a gcp A3 fabric", "true", "remove gpuDirect (aws: efa: true)");
            } else {
                InstanceType t = catalog.pick("gcp", p.accelerator(), p.gpusPerNode(), p.machineType()).orElse(null);
                for (String[] range : new String[][]{{"vpcCidr", c.vpcCidr()}, {"podCidr", c.podCidr()}, {"serviceCidr", c.serviceCidr()}}) {
                    var own = dev.derrick.config.internal.Cidr.parse(range[1]);
                    if (own != null && own.overlaps(dev.derrick.config.internal.Cidr.parse(GkeGpuNetwork.DEFAULT_RANGE))) {
                        sink.add(at + ".gpuDirect", "the GPU networks use " + GkeGpuNetwork.DEFAULT_RANGE + ", which overlaps the cluster's "
                                + range[0] + " " + range[1], "true", "move " + range[0] + " outside " + GkeGpuNetwork.DEFAULT_RANGE);
                    }
                }
                if (t != null && t.gpuDirectNetworks() == 0) {
                    String with = catalog.cloud("gcp").orElseThrow().instanceTypes().stream().filter(x -> x.gpuDirectNetworks() > 0)
                            .map(InstanceType::name).collect(Collectors.joining(", "));
                    sink.add(at + ".gpuDirect", "the catalog records no GPUDirect networking for " + t.name(), "true",
                            "use " + with + " (accelerator h100-80gb, gpusPerNode 8), or remove gpuDirect");
                }
            }
        }
        boolean compact = c.target() == Target.AWS ? PoolNetwork.awsPlacement(p) == Placement.COMPACT : n.placement() == Placement.COMPACT;
        List<String> zones = c.zonesOf(p);
        if ((n.efaEnabled() && c.target() == Target.AWS || compact) && zones.size() != 1) {
            String what = n.efaEnabled() && c.target() == Target.AWS
                    ? (compact ? "EFA and its cluster placement group need" : "EFA needs")
                    : (c.target() == Target.AWS ? "a cluster placement group needs" : "compact placement needs");
            sink.add(at, what + " exactly one zone; the pool spans " + zones.size() + (zones.isEmpty() ? " (no zones given)" : " " + zones),
                    null, "set zones: [" + (zones.isEmpty() ? "<zone>" : zones.get(0)) + "] on the pool (one zone: nodes share a placement group)");
        }
        if (c.target() == Target.GCP && compact && p.isGpu()) {
            InstanceType t = catalog.pick("gcp", p.accelerator(), p.gpusPerNode(), p.machineType()).orElse(null);
            String family = t == null ? null : t.name().substring(0, Math.max(0, t.name().indexOf('-')));
            if (family != null && !GKE_COMPACT_FAMILIES.contains(family)) {
                sink.add(at + ".placement", "GKE has no compact placement for " + t.name() + " (only A2, A3 and G2 GPU machines)",
                        "\"compact\"", "remove placement");
            }
        }
        if (n.efaEnabled() && c.target() == Target.AWS) {
            efaTypes(c, p, at, catalog, sink);
        }
    }

    /** Every type the pool may launch takes EFA, and (Karpenter pools) all take the same number of interfaces. */
    private static void efaTypes(ClusterSpec c, NodePoolSpec p, String at, Catalog catalog, RuleSink sink) {
        var aws = catalog.cloud("aws").orElseThrow();
        List<InstanceType> types;
        if (KarpenterPools.isKarpenter(c, p)) {
            types = InstanceChoice.resolve(p, aws, (f, problem, v, h) -> { });   // the Karpenter rules report a wrong choice
        } else {
            types = catalog.pick("aws", p.accelerator(), p.gpusPerNode(), p.machineType()).map(List::of).orElse(List.of());
        }
        List<String> without = types.stream().filter(t -> t.efaInterfaces() == 0).map(InstanceType::name).toList();
        if (!without.isEmpty()) {
            String with = aws.instanceTypes().stream().filter(t -> t.efaInterfaces() > 0).map(InstanceType::name).collect(Collectors.joining(", "));
            sink.add(at + ".efa", "the catalog records no EFA for " + String.join(", ", without), "true",
                    "use a type with EFA (" + with + "), or remove efa");
            return;
        }
        Set<Integer> counts = types.stream().map(InstanceType::efaInterfaces).collect(Collectors.toSet());
        if (counts.size() > 1) {
            sink.add(at + ".efa", "the pool's types take different numbers of EFA interfaces ("
                            + types.stream().map(t -> t.name() + ": " + t.efaInterfaces()).collect(Collectors.joining(", ")) + ")",
                    "true", "limit karpenter.instanceTypes to types with the same EFA count: one EC2NodeClass has one interface layout");
        }
    }

    /** The EFA interfaces of an EFA pool's types (validation made them equal). */
    public static int efaCount(List<InstanceType> types) {
        return types.stream().mapToInt(InstanceType::efaInterfaces).max().orElse(0);
    }
}
