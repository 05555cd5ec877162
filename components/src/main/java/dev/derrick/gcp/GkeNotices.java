package dev.derrick.gcp;

import dev.derrick.catalog.Catalog;
import dev.derrick.catalog.InstanceType;
import dev.derrick.config.CapacityType;
import dev.derrick.config.ClusterSpec;
import dev.derrick.config.NodePoolSpec;
import dev.derrick.notice.Notice;

import java.util.ArrayList;
import java.util.List;

/** Where a GKE cluster or pool differs from what its spec asked, decided by {@link GkeCluster} and {@link GkeNodePool}. */
public final class GkeNotices {
    /** The compact-placement families whose pools train across nodes: losing compact placement there is worth a notice. */
    private static final java.util.Set<String> TRAINING_FAMILIES = java.util.Set.of("a2", "a3");

    private GkeNotices() {
    }

    public static List<Notice> of(ClusterSpec c, String path, Catalog catalog) {
        var out = new ArrayList<Notice>();
        // endpointAccess: public is refused on GKE (dev.derrick.network.EndpointRules), so it needs no notice.
        for (int j = 0; j < c.nodePools().size(); j++) {
            NodePoolSpec p = c.nodePools().get(j);
            InstanceType t = catalog.pick("gcp", p.accelerator(), p.gpusPerNode(), p.machineType()).orElse(null);
            if (t == null) {
                continue;
            }
            String poolPath = path + ".nodePools[" + j + "] (" + c.name() + "/" + p.name() + ")";
            List<String> zones = c.zonesOf(p);
            String family = t.name().contains("-") ? t.name().substring(0, t.name().indexOf('-')) : t.name();
            if (GkeNodePool.compactPlacement(t.name(), zones)) {
                out.add(new Notice(poolPath, "Derrick adds compact placement (placementPolicy COMPACT) to this " + t.name() + " pool in "
                        + zones.get(0) + (p.capacity() == CapacityType.RESERVED ? ", also with capacity: reserved: the nodes it reserves must be placeable together" : ""),
                        null));
            } else if (TRAINING_FAMILIES.contains(family) && zones.size() > 1) {
                // Only where multi-node NCCL traffic is what the pool is for (A2, A3); G2 (L4) pools serve inference, spread on purpose.
                out.add(new Notice(poolPath, "no compact placement for this " + t.name() + " pool: it spans " + zones.size()
                        + " zones " + zones + " and compact placement is single-zone", "give the pool one zone (zones: [" + zones.get(0) + "]) to place its nodes close together"));
            }
        }
        return out;
    }
}
