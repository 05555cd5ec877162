package dev.derrick.cli;

import dev.derrick.catalog.Catalog;
import dev.derrick.cli.lookup.EffectiveConfig;
import dev.derrick.cli.render.JsonRenderer;
import dev.derrick.config.RawConfig;
import dev.derrick.config.StackConfig;
import dev.derrick.config.StackConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "config",
        mixinStandardHelpOptions = true,
        description = {"Show a stack's effective config: Pulumi.yaml's defaults, the stack file and each cluster's nodePoolDefaults merged, "
                + "every value annotated with where it came from (file, pool, nodePoolDefaults, Derrick default, catalog pick). "
                + "Secrets show as [secret]. Exit 2 when the config is invalid (the problems are listed)."})
final class ConfigCommand implements Callable<Integer> {
    /** Formats of this command: YAML with comments (default) or JSON. */
    enum Format { yaml, json }

    @Mixin
    StackOptions stack;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "yaml", description = "yaml (default, with # comments) or json.")
    Format output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        RawConfig raw = stack.load();
        StackConfig config = StackConfigLoader.load(raw);
        var doc = EffectiveConfig.of(raw, config, Catalog.bundled());
        var out = spec.commandLine().getOut();
        if (output == Format.json) {
            var m = new java.util.LinkedHashMap<String, Object>();
            m.put("stack", raw.stack());
            m.put("config", EffectiveConfig.json(doc));
            out.print(JsonRenderer.write(m));
        } else {
            out.print("# stack " + raw.stack() + ": effective config, each value with where it came from\n" + EffectiveConfig.yaml(doc));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
