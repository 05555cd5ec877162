package dev.derrick.upgrades;

import com.pulumi.gcp.container.inputs.ClusterMaintenancePolicyArgs;
import com.pulumi.gcp.container.inputs.ClusterMaintenancePolicyDailyMaintenanceWindowArgs;
import com.pulumi.gcp.container.inputs.ClusterMaintenancePolicyMaintenanceExclusionArgs;
import com.pulumi.gcp.container.inputs.ClusterMaintenancePolicyMaintenanceExclusionExclusionOptionsArgs;
import dev.derrick.config.ClusterSpec;

/** A GKE cluster's maintenance policy from {@code upgrades:}: the daily window and the exclusions. */
public final class GkeMaintenance {
    private GkeMaintenance() {
    }

    /** The policy; null when the cluster sets no window (GKE then picks when to maintain). */
    public static ClusterMaintenancePolicyArgs policy(ClusterSpec c) {
        UpgradeSpec u = c.upgrades();
        if (u == null || u.maintenanceStart() == null) {
            return null;
        }
        return ClusterMaintenancePolicyArgs.builder()
                .dailyMaintenanceWindow(ClusterMaintenancePolicyDailyMaintenanceWindowArgs.builder().startTime(u.maintenanceStart()).build())
                .maintenanceExclusions(u.exclusions().stream().map(e -> ClusterMaintenancePolicyMaintenanceExclusionArgs.builder()
                        .exclusionName(e.name()).startTime(e.start()).endTime(e.end())
                        .exclusionOptions(ClusterMaintenancePolicyMaintenanceExclusionExclusionOptionsArgs.builder().scope(e.gkeScope()).build())
                        .build()).toList())
                .build();
    }
}
