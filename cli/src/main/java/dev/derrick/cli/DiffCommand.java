package dev.derrick.cli;

import dev.derrick.cli.diff.PlanDiff;
import dev.derrick.cli.diff.PlanJsonReader;
import dev.derrick.cli.diff.Snapshot;
import dev.derrick.cli.render.DiffRenderer;
import dev.derrick.cli.render.JsonRenderer;
import dev.derrick.config.StackFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "diff",
        mixinStandardHelpOptions = true,
        description = {"Compare a stack's plan (-s) with a base: another stack, or a saved plan JSON such as the base branch's "
                + "(./derrick plan -s prod --output json > base.json). Shows resources added, removed and changed (with inputs), "
                + "URNs that changed (replacements), policy verdicts that changed, and the cost delta.",
                "Exit 3 when the stack (-s) fails a mandatory policy."})
final class DiffCommand implements Callable<Integer> {
    @Mixin
    StackOptions stack;

    @Option(names = "--against", required = true, paramLabel = "STACK|FILE",
            description = "The base to compare with: a stack name or a plan JSON file.")
    String against;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default), json, markdown (a PR comment) or mermaid (a diagram with changes coloured).")
    Output output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Path dir = stack.projectDir();
        Snapshot base;
        Path file = Path.of(against);
        // A saved plan is read (and checked) before the head stack is planned: bad input fails fast.
        if (against.endsWith(".json") || against.contains("/") || (Files.exists(file) && !Files.isDirectory(file))) {
            if (!Files.exists(file)) {
                throw new UserInputException("--against " + Printable.line(against) + ": no such file; save a plan with ./derrick plan --output json > FILE");
            }
            base = PlanJsonReader.read(file);
        } else {
            base = null;
        }
        StackPlan head = ProgramRunner.run(dir, stack.load());
        if (base == null) {
            base = Snapshot.of(ProgramRunner.run(dir, StackFiles.load(dir, against)));
        }
        PlanDiff diff = PlanDiff.between(base, Snapshot.of(head));
        var out = spec.commandLine().getOut();
        // A saved base plan comes from a branch anyone may push to: its names and inputs reach a terminal or a PR
        // comment, so control characters are escaped (JSON escapes them itself).
        out.print(switch (output) {
            case text -> Printable.text(DiffRenderer.text(diff));
            case json -> JsonRenderer.write(DiffRenderer.json(diff));
            case markdown -> Printable.text(DiffRenderer.markdown(diff));
            case mermaid -> Printable.text(DiffRenderer.mermaid(diff));
        });
        out.flush();
        return head.policies().mandatoryFailed() ? ExitCodes.POLICY_VIOLATED : ExitCodes.OK;
    }
}
