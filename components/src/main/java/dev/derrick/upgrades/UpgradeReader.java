package dev.derrick.upgrades;

import dev.derrick.config.internal.NodeReader;

/** Reads a cluster's {@code upgrades:} block. */
public final class UpgradeReader {
    private UpgradeReader() {
    }

    /** The cluster's {@code upgrades:}; null when absent. */
    public static UpgradeSpec read(NodeReader cluster) {
        NodeReader r = cluster.object("upgrades");
        if (r == null) {
            return null;
        }
        var out = new UpgradeSpec(r.string("channel", false, null), r.string("maintenanceStart", false, null),
                r.list("maintenanceExclusions", false, null, e -> {
                    return new MaintenanceExclusion(e.string("name", true, "name the exclusion, e.g. name: hold-1.35"),
                            e.string("start", true, "set start: 2026-12-01T00:00:00Z"), e.string("end", true, "set end: 2027-01-15T00:00:00Z"),
                            e.string("scope", false, null));
                }));
        r.finish();
        return out;
    }
}
