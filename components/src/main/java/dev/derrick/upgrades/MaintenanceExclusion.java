package dev.derrick.upgrades;

/**
 * A GKE maintenance exclusion: a time in which GKE does not upgrade the cluster (within {@code scope}).
 *
 * @param name  the exclusion's name, e.g. {@code hold-1.35}
 * @param start RFC 3339 UTC time, {@code 2026-12-01T00:00:00Z}
 * @param end   RFC 3339 UTC time, after {@code start}
 * @param scope {@code no-upgrades}, {@code no-minor-upgrades} (holds the minor version; patches still come) or
 *              {@code no-minor-or-node-upgrades}; default {@code no-minor-upgrades}
 */
public record MaintenanceExclusion(String name, String start, String end, String scope) {
    public static final String DEFAULT_SCOPE = "no-minor-upgrades";

    public MaintenanceExclusion {
        scope = scope == null ? DEFAULT_SCOPE : scope;
    }

    /** GKE's name of the scope: {@code NO_MINOR_UPGRADES}. */
    public String gkeScope() {
        return scope.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }
}
