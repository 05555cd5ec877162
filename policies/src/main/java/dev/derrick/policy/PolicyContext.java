package dev.derrick.policy;

import dev.derrick.catalog.Catalog;
import dev.derrick.config.StackConfig;
import dev.derrick.cost.CostReport;
import dev.derrick.plan.Plan;

import java.time.LocalDate;

/**
 * What a policy may look at.
 *
 * @param config  the validated stack config
 * @param catalog the accelerator catalog
 * @param cost    the stack's cost estimate
 * @param today   the date date-dependent rules (support windows) are judged on
 * @param plan    the captured plan; null when only spec-level policies run (inside the program)
 */
public record PolicyContext(StackConfig config, Catalog catalog, CostReport cost, LocalDate today, Plan plan) {
    public boolean isProd() {
        return "prod".equals(config.environment()) || "production".equals(config.environment());
    }
}
