package dev.derrick.cli;

import dev.derrick.catalog.Catalog;
import dev.derrick.config.RawConfig;
import dev.derrick.config.StackConfig;
import dev.derrick.config.StackConfigLoader;
import dev.derrick.config.StackFiles;
import dev.derrick.cost.CostEstimator;
import dev.derrick.cost.CostReport;
import dev.derrick.plan.Plan;
import dev.derrick.plan.PlanEngine;
import dev.derrick.platform.DerrickProgram;
import dev.derrick.policy.PolicyPack;

import java.nio.file.Path;

/**
 * Plans a stack: validate the config (exit 2 on any problem), run the real program offline, then
 * judge the plan with every policy and price it. The program runs without the policy gate here so
 * that a violating stack still shows its plan next to the verdicts; the exit code (3) carries the gate.
 */
public final class ProgramRunner {
    private ProgramRunner() {
    }

    public static StackPlan run(Path projectDir, RawConfig raw) {
        StackConfig config = StackConfigLoader.load(raw);
        Catalog catalog = Catalog.bundled();
        String project = StackFiles.project(projectDir).name();
        Plan plan = PlanEngine.run(project, raw.stack(), raw.asPulumiConfig(), raw.secretKeys(), DerrickProgram::stack);
        CostReport cost = CostEstimator.estimate(config, catalog);
        return new StackPlan(raw, config, plan, cost, PolicyPack.evaluate(config, catalog, cost, plan, PolicyPack.today()));
    }

    public static Plan plan(Path projectDir, RawConfig raw) {
        return run(projectDir, raw).plan();
    }
}
