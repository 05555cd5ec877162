package dev.derrick.cli;


import picocli.CommandLine;

/**
 * Entry point of the jar. Started by the Pulumi language host (it sets {@code PULUMI_MONITOR}),
 * it runs the Pulumi program; started by a user, it is the {@code derrick} command line.
 */
public final class Main {
    private Main() {
    }

    /**
     * On 2 CPUs the common ForkJoinPool has parallelism 1, and CompletableFuture then starts a new
     * thread for every async task (16,042 thread starts for a 3,000-resource plan, measured). Two
     * workers remove that; it must be set before anything touches the pool. A user's -D wins.
     */
    static final String PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    public static void main(String[] args) {
        if (System.getProperty(PARALLELISM) == null) {
            System.setProperty(PARALLELISM, Integer.toString(Math.max(2, Runtime.getRuntime().availableProcessors())));
        }
        if (System.getenv("PULUMI_MONITOR") != null && args.length == 0) {
            Program.main(args);
            return;
        }
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (for tests). */
    public static int run(String... args) {
        return run(null, null, args);
    }

    /** Runs the command line with its output going to {@code out} and {@code err} (null: the process's). */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        var cl = DerrickCommand.commandLine();
        if (out != null) {
            cl.setOut(out);
        }
        if (err != null) {
            cl.setErr(err);
        }
        try {
            return cl.execute(args);
        } catch (Throwable t) {
            return DerrickCommand.error(t, java.util.Arrays.asList(args).contains("--debug"), cl.getErr());
        }
    }
}
