package dev.derrick.karpenter;

import dev.derrick.config.internal.NodeReader;

/** Reads a pool's {@code karpenter:} block; problems (unknown keys, wrong types) go to the reader's problem list. */
public final class KarpenterReader {
    private KarpenterReader() {
    }

    /** The block under {@code pool}, or null when the pool has none. */
    public static KarpenterSpec read(NodeReader pool) {
        NodeReader r = pool.object("karpenter");
        if (r == null) {
            return null;
        }
        var budgets = r.list("budgets", false, null, b -> new KarpenterSpec.DisruptionBudget(
                b.string("nodes", true, "set nodes: a count (\"1\") or a percentage (\"10%\") of the pool's nodes"),
                b.strings("reasons"), b.string("schedule", false, null), b.string("duration", false, null)));
        NodeReader limits = r.object("limits");
        Integer gpus = null;
        Integer cpu = null;
        if (limits != null) {
            gpus = limits.integer("gpus", false, null);
            cpu = limits.integer("cpu", false, null);
            limits.finish();
        }
        NodeReader volume = r.object("volume");
        String volumeType = null;
        String kms = null;
        Integer data = null;
        if (volume != null) {
            volumeType = volume.string("type", false, null);
            kms = volume.string("kmsKeyId", false, null);
            data = volume.integer("dataVolumeGb", false, null);
            volume.finish();
        }
        var spec = new KarpenterSpec(
                r.strings("instanceTypes"),
                r.strings("families"),
                r.strings("sizes"),
                consolidation(r),
                r.string("consolidateAfter", false, null),
                r.string("expireAfter", false, null),
                budgets,
                r.integer("weight", false, null),
                gpus, cpu,
                r.enumValue("amiFamily", KarpenterSpec.AmiFamily.class, false, null),
                r.string("amiVersion", false, null),
                volumeType, kms, data,
                r.strings("capacityReservations"));
        r.finish();
        return spec;
    }

    /** {@code consolidationPolicy}, accepted as Karpenter spells it ({@code WhenEmpty}) or as a config token ({@code when-empty}). */
    private static KarpenterSpec.Consolidation consolidation(NodeReader r) {
        String s = r.string("consolidationPolicy", false, null);
        if (s == null) {
            return null;
        }
        for (var c : KarpenterSpec.Consolidation.values()) {
            if (c.karpenter.equals(s) || NodeReader.token(c).equals(s)) {
                return c;
            }
        }
        r.problem("consolidationPolicy", "unknown value", "\"" + s + "\"", "use WhenEmpty or WhenEmptyOrUnderutilized");
        return null;
    }
}
