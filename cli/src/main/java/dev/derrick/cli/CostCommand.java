package dev.derrick.cli;

import dev.derrick.catalog.Catalog;
import dev.derrick.cli.render.CostRenderer;
import dev.derrick.cli.render.TeamShareRenderer;
import dev.derrick.cli.render.JsonRenderer;
import dev.derrick.config.StackConfig;
import dev.derrick.config.StackConfigLoader;
import dev.derrick.cost.CostEstimator;
import dev.derrick.cost.CostReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

@Command(name = "cost",
        mixinStandardHelpOptions = true,
        description = {"Estimate a stack's compute cost per node pool and in total: per hour and per month, at min and max scale, "
                + "on-demand vs spot, from the catalog's list prices (their sources and dates are printed)."})
final class CostCommand implements Callable<Integer> {
    @Mixin
    StackOptions stack;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text", description = "text (default) or json.")
    Output output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        output.textOrJson("cost");
        StackConfig config = StackConfigLoader.load(stack.load());
        CostReport cost = CostEstimator.estimate(config, Catalog.bundled());
        var out = spec.commandLine().getOut();
        var shares = dev.derrick.kueue.TeamShares.of(config, cost, Catalog.bundled());
        if (output == Output.json) {
            var json = new java.util.LinkedHashMap<>(CostRenderer.json(cost));
            if (!shares.isEmpty()) {
                json.put("teams", TeamShareRenderer.json(shares, cost));
            }
            out.print(JsonRenderer.write(json));
        } else {
            out.print("Stack " + config.stack() + "\n" + CostRenderer.text(cost) + TeamShareRenderer.text(shares, cost));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
