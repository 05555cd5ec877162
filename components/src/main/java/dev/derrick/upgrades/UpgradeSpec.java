package dev.derrick.upgrades;

import java.util.List;

/**
 * How a managed cluster's Kubernetes version moves ({@code upgrades:} on a gcp or azure cluster).
 *
 * @param channel          gcp: the release channel, {@code rapid}, {@code regular} (default), {@code stable} or
 *                         {@code none} (no channel: {@code UNSPECIFIED}); azure: the auto-upgrade channel, {@code rapid},
 *                         {@code stable}, {@code patch} (default), {@code node-image} or {@code none}
 * @param maintenanceStart gcp only: daily maintenance window start, {@code HH:MM} UTC (GKE's daily window); required with
 *                         exclusions (GKE's maintenance policy needs a window); default none (GKE picks)
 * @param exclusions       gcp only: maintenance exclusions, e.g. to hold a minor version; default none
 */
public record UpgradeSpec(String channel, String maintenanceStart, List<MaintenanceExclusion> exclusions) {
    public UpgradeSpec {
        exclusions = exclusions == null ? List.of() : List.copyOf(exclusions);
    }
}
