package dev.derrick.cli;


import picocli.CommandLine;

/**
 * Entry point of the jar. Started by the Pulumi language host (it sets {@code PULUMI_MONITOR}),
 * it runs the Pulumi program; started by a user, it is the {@code derrick} command line.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (System.getenv("PULUMI_MONITOR") != null && args.length == 0) {
            Program.main(args);
            return;
        }
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (for tests). */
    public static int run(String... args) {
        return DerrickCommand.commandLine().execute(args);
    }
}
