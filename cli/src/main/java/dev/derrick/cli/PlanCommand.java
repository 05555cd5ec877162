package dev.derrick.cli;

import dev.derrick.cli.render.JsonRenderer;
import dev.derrick.cli.render.TextRenderer;
import dev.derrick.config.RawConfig;
import dev.derrick.plan.Plan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "plan",
        mixinStandardHelpOptions = true,
        description = {
                "Plan a stack offline: run the real Pulumi program through the Pulumi SDK's mock engine in preview mode "
                        + "and print every resource it would register (type, name, parent, inputs; unknowns and secrets marked).",
                "No cloud account and no Pulumi CLI needed; nothing is created."})
final class PlanCommand implements Callable<Integer> {
    @Mixin
    StackOptions stack;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (a tree, default) or json (one object per resource).")
    Output output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Path dir = stack.projectDir();
        RawConfig raw = stack.load();
        if (output == Output.text) {
            spec.commandLine().getErr().println("Planning stack " + raw.stack() + " offline (mock engine, preview)...");
            spec.commandLine().getErr().flush();
        }
        Plan plan = ProgramRunner.plan(dir, raw);
        var out = spec.commandLine().getOut();
        out.print(output == Output.json ? JsonRenderer.render(plan) : TextRenderer.render(plan, raw.origin()));
        out.flush();
        return ExitCodes.OK;
    }
}
