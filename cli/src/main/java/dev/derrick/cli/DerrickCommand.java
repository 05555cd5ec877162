package dev.derrick.cli;

import dev.derrick.config.ConfigError;
import dev.derrick.config.ConfigException;
import dev.derrick.io.InputFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

@Command(name = "derrick",
        mixinStandardHelpOptions = true,
        versionProvider = DerrickCommand.Version.class,
        description = {
                "Plan and check ML platforms (GPU clusters, object stores, registries) built with Derrick's Pulumi components. "
                        + "Everything but preflight and verify runs offline; `pulumi up` runs the same program for real."},
        subcommands = {PlanCommand.class, ValidateCommand.class, CostCommand.class, DiffCommand.class, PreflightCommand.class, VerifyCommand.class,
                NewCommand.class, CatalogCommand.class, ConfigCommand.class, CommandLine.HelpCommand.class},
        footer = {"",
                "Exit codes: 0 ok, 1 internal error, 2 invalid input or config, 3 mandatory policy violated, 4 a check failed",
                "(preflight/verify: a check that is only UNKNOWN, e.g. throttled or no credentials, is printed and exits 0).",
                "Examples:",
                "  ./derrick plan                      plan the dev stack",
                "  ./derrick plan -s prod --output json",
                "  ./derrick validate --file stacks/Pulumi.prod.yaml",
                "  ./derrick cost -s prod",
                "  ./derrick diff -s prod --against base-plan.json --output markdown",
                "  ./derrick preflight -s prod                live checks: credentials, instance types in zones, quotas",
                "  ./derrick verify -s prod --outputs outputs.json",
                "  ./derrick new aws-gpu-training ../my-project --name my-project"})
public final class DerrickCommand {

    static CommandLine commandLine() {
        var cl = new CommandLine(new DerrickCommand());
        cl.setExecutionExceptionHandler(DerrickCommand::handle);
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("derrick: " + Printable.line(ex.getMessage()));
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return ExitCodes.INVALID_INPUT;
        });
        return cl;
    }

    private static int handle(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        boolean debug = parsed.originalArgs().contains("--debug");
        if (ex instanceof ConfigException ce) {
            for (ConfigError e : ce.errors()) {
                err.println(Printable.line(e.line()));
            }
            err.println(ce.errors().size() == 1 ? "1 problem; nothing was planned." : ce.errors().size() + " problems; nothing was planned.");
            err.flush();
            return ExitCodes.INVALID_INPUT;
        }
        if (ex instanceof UserInputException || ex instanceof InputFileException) {
            err.println("derrick: " + Printable.line(ex.getMessage()));
            err.flush();
            return ExitCodes.INVALID_INPUT;
        }
        err.println("derrick: internal error: " + ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + Printable.line(ex.getMessage().lines().findFirst().orElse(""))));
        if (debug) {
            ex.printStackTrace(err);
        } else {
            err.println("Run again with --debug for the stack trace.");
        }
        err.flush();
        return ExitCodes.INTERNAL;
    }

    /**
     * An {@link Error} (OutOfMemoryError, StackOverflowError, a linkage error) escapes picocli's
     * handler: it gets the same one-line treatment, its trace only with {@code --debug}.
     */
    static int error(Throwable t, boolean debug, PrintWriter err) {
        String name = t.getClass().getSimpleName();
        if (t instanceof OutOfMemoryError) {
            err.println("derrick: internal error: out of memory (" + name + "); an input is probably far larger than a real one");
        } else {
            err.println("derrick: internal error: " + name);
        }
        if (debug) {
            t.printStackTrace(err);
        } else {
            err.println("Run again with --debug for the stack trace.");
        }
        err.flush();
        return ExitCodes.INTERNAL;
    }

    /** The commit the jar was built from ({@code Derrick-Commit} in its manifest); unknown when not recorded. */
    static String commit() {
        try {
            var url = DerrickCommand.class.getProtectionDomain().getCodeSource().getLocation();
            try (var jar = new java.util.jar.JarFile(new java.io.File(url.toURI()))) {
                var manifest = jar.getManifest();
                String c = manifest == null ? null : manifest.getMainAttributes().getValue("Derrick-Commit");
                return c == null || c.isBlank() ? "unknown" : c;
            }
        } catch (Exception e) {
            return "unknown";
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = DerrickCommand.class.getPackage().getImplementationVersion();
            return new String[]{"derrick " + (v == null ? "dev (not built as a jar)" : v) + ", commit " + commit()};
        }
    }
}
