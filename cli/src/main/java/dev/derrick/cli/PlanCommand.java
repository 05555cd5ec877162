package dev.derrick.cli;

import dev.derrick.cli.render.JsonRenderer;
import dev.derrick.cli.render.MarkdownRenderer;
import dev.derrick.cli.render.MermaidRenderer;
import dev.derrick.cli.render.TextRenderer;
import dev.derrick.config.RawConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

@Command(name = "plan",
        mixinStandardHelpOptions = true,
        description = {
                "Plan a stack offline: run the real Pulumi program through the Pulumi SDK's mock engine in preview mode "
                        + "and print every resource it would register (type, name, parent, inputs; unknowns and secrets marked), "
                        + "the policy verdicts and the GPU cost.",
                "No cloud account and no Pulumi CLI needed; nothing is created. Exit 3 when a mandatory policy fails."})
final class PlanCommand implements Callable<Integer> {
    @Mixin
    StackOptions stack;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (a tree, default), json (one object per resource, plus cost and policies), markdown (a PR comment) or mermaid (a diagram).")
    Output output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        RawConfig raw = stack.load();
        if (output == Output.text) {
            spec.commandLine().getErr().println("Planning stack " + raw.stack() + " offline (mock engine, preview)...");
            spec.commandLine().getErr().flush();
        }
        StackPlan sp = ProgramRunner.run(stack.projectDir(), raw);
        if (output != Output.json) {
            Notes.print(spec.commandLine().getErr(), sp.config());
        }
        var out = spec.commandLine().getOut();
        if (output == Output.json) {
            JsonRenderer.write(JsonRenderer.document(sp), out);
        }
        out.print(switch (output) {
            case text -> TextRenderer.render(sp);
            case json -> "";
            case markdown -> MarkdownRenderer.plan(sp);
            case mermaid -> MermaidRenderer.render(sp.plan());
        });
        out.flush();
        if (sp.policies().mandatoryFailed()) {
            var err = spec.commandLine().getErr();
            err.println("derrick: " + sp.policies().failures().size() + " mandatory polic" + (sp.policies().failures().size() == 1 ? "y" : "ies")
                    + " failed: " + String.join(", ", sp.policies().failures().stream().map(v -> v.policy().id()).toList()));
            err.flush();
            return ExitCodes.POLICY_VIOLATED;
        }
        return ExitCodes.OK;
    }
}
