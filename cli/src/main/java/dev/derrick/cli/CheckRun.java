package dev.derrick.cli;

import dev.derrick.cli.render.CheckRenderer;
import dev.derrick.preflight.Check;
import dev.derrick.preflight.CheckReport;
import dev.derrick.preflight.CheckRunner;
import picocli.CommandLine.Model.CommandSpec;

import java.util.List;

/** Runs checks for a command and prints the report: progress on stderr, the report on stdout. */
final class CheckRun {
    private CheckRun() {
    }

    static int execute(CommandSpec spec, CheckOptions options, String command, String stack, List<Check> checks,
                       dev.derrick.preflight.CheckLimits limits) {
        var err = spec.commandLine().getErr();
        var out = spec.commandLine().getOut();
        var progress = options.noProgress ? (java.util.function.Consumer<dev.derrick.preflight.CheckResult>) r -> { }
                : CheckRenderer.progress(err, checks.size());
        CheckReport report = new CheckRunner(limits, progress).run(checks);
        out.print(options.output == Output.json ? CheckRenderer.json(command, stack, report) : CheckRenderer.text(command, stack, report));
        out.flush();
        return report.anyFailed() ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
    }
}
