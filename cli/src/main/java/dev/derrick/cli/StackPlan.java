package dev.derrick.cli;

import dev.derrick.config.RawConfig;
import dev.derrick.config.StackConfig;
import dev.derrick.cost.CostReport;
import dev.derrick.plan.Plan;
import dev.derrick.policy.PolicyReport;

/** Everything known about one planned stack: its config, the captured plan, cost and policy verdicts. */
public record StackPlan(RawConfig raw, StackConfig config, Plan plan, CostReport cost, PolicyReport policies) {
}
