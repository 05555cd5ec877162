package dev.derrick.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.derrick.config.ConfigException;
import dev.derrick.config.RawConfig;
import dev.derrick.config.StackConfig;
import dev.derrick.config.StackConfigLoader;
import dev.derrick.catalog.Catalog;
import dev.derrick.notice.Notice;
import dev.derrick.notice.Notices;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "validate",
        mixinStandardHelpOptions = true,
        description = {"Check a stack's config only: every problem in one pass, one line each (file, path, value, fix).",
                "Exit 0 when valid, 2 when not."})
final class ValidateCommand implements Callable<Integer> {
    @Mixin
    StackOptions stack;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text", description = "text (default) or json.")
    Output output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        output.textOrJson("validate");
        RawConfig raw;
        StackConfig config = null;
        List<dev.derrick.config.ConfigError> errors = List.of();
        try {
            raw = stack.load();
            config = StackConfigLoader.load(raw);
        } catch (ConfigException e) {
            if (output == Output.text) {
                throw e;
            }
            errors = e.errors();
        }
        var out = spec.commandLine().getOut();
        if (output == Output.json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("valid", errors.isEmpty());
            doc.put("errors", errors);
            doc.put("notices", config == null ? List.of() : Notices.of(config, Catalog.bundled()).stream().map(Notice::line).toList());
            out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc));
            out.flush();
            return errors.isEmpty() ? ExitCodes.OK : ExitCodes.INVALID_INPUT;
        }
        int pools = config.clusters().stream().mapToInt(c -> c.nodePools().size()).sum();
        out.printf("%s: valid (%d cluster%s, %d node pool%s, %d object store%s, %d registr%s)%n", config.stack(),
                config.clusters().size(), config.clusters().size() == 1 ? "" : "s", pools, pools == 1 ? "" : "s",
                config.objectStores().size(), config.objectStores().size() == 1 ? "" : "s",
                config.registries().size(), config.registries().size() == 1 ? "y" : "ies");
        out.flush();
        Notes.print(spec.commandLine().getErr(), config);
        return ExitCodes.OK;
    }
}
