package dev.derrick.cli;

import dev.derrick.config.RawConfig;
import dev.derrick.config.StackFiles;
import dev.derrick.config.StackConfigLoader;
import dev.derrick.plan.Plan;
import dev.derrick.plan.PlanEngine;
import dev.derrick.platform.DerrickProgram;

import java.nio.file.Path;

/** Plans a stack: validate the config first (exit 2 on any problem), then run the real program offline. */
public final class ProgramRunner {
    private ProgramRunner() {
    }

    public static Plan plan(Path projectDir, RawConfig raw) {
        StackConfigLoader.load(raw);
        String project = StackFiles.project(projectDir).name();
        return PlanEngine.run(project, raw.stack(), raw.asPulumiConfig(), raw.secretKeys(), DerrickProgram::stack);
    }
}
