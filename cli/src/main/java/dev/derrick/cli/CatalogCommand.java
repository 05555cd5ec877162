package dev.derrick.cli;

import dev.derrick.catalog.Catalog;
import dev.derrick.cli.lookup.CatalogListing;
import dev.derrick.cli.render.JsonRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "catalog",
        mixinStandardHelpOptions = true,
        description = {"Which accelerators each cloud sells, in which machine types and GPU counts, with vCPU, memory, on-demand list price "
                + "(and its source and date) and MIG profiles: the catalog plan and cost use. Offline; exit 2 on an unknown cloud or accelerator."})
final class CatalogCommand implements Callable<Integer> {
    @Option(names = "--cloud", paramLabel = "CLOUD", description = "Only this cloud: aws, gcp or azure.")
    String cloud;

    @Option(names = "--accelerator", paramLabel = "KEY", description = "Only this accelerator, by its catalog key (e.g. h100-80gb, l4).")
    String accelerator;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text", description = "text (default) or json.")
    Output output;

    @Option(names = "--debug", description = "Print stack traces of internal errors.")
    boolean debug;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        output.textOrJson("catalog");
        var entries = CatalogListing.of(Catalog.bundled(), cloud, accelerator);
        var out = spec.commandLine().getOut();
        out.print(output == Output.json ? JsonRenderer.write(CatalogListing.json(entries)) : CatalogListing.text(entries));
        out.flush();
        return ExitCodes.OK;
    }
}
