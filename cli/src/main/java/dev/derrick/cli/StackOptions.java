package dev.derrick.cli;

import dev.derrick.config.RawConfig;
import dev.derrick.config.StackFiles;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;

/** Which stack a command works on, and where the project is. */
public final class StackOptions {
    /** The stack used when neither -s nor a Pulumi.<stack>.yaml --file names one. */
    static final String DEFAULT_STACK = "dev";

    @Option(names = {"-s", "--stack"}, paramLabel = "STACK",
            description = "Stack to use: reads <stackConfigDir>/Pulumi.<STACK>.yaml over Pulumi.yaml (default: " + DEFAULT_STACK
                    + "); with --file, the stack name the file is used as.")
    String stack;

    @Option(names = "--file", paramLabel = "PATH",
            description = "A stack config file to use instead of -s (its stack name is taken from Pulumi.<stack>.yaml; any other file name needs -s).")
    Path file;

    @Option(names = "--project-dir", paramLabel = "DIR",
            description = "Folder with Pulumi.yaml (default: $DERRICK_PROJECT_DIR, else the current folder or the nearest parent with one, "
                    + "else Derrick's own project).")
    Path projectDir;

    @Option(names = "--debug", description = "Print stack traces of internal errors.")
    boolean debug;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /** How the project folder was found, for the line that names it. */
    private String foundBy;

    /** The stack named by -s, or the default. */
    String stack() {
        return stack != null ? stack : DEFAULT_STACK;
    }

    Path projectDir() {
        if (projectDir != null) {
            if (!Files.isRegularFile(projectDir.resolve(StackFiles.PROJECT_FILE))) {
                throw new UserInputException("--project-dir " + projectDir + ": no Pulumi.yaml there; point it at the project folder");
            }
            foundBy = "--project-dir";
            return projectDir;
        }
        String env = System.getenv("DERRICK_PROJECT_DIR");
        if (env != null && !env.isBlank()) {
            foundBy = "DERRICK_PROJECT_DIR";
            return Path.of(env);
        }
        Path cur = Path.of("").toAbsolutePath();
        while (cur != null) {
            if (Files.isRegularFile(cur.resolve(StackFiles.PROJECT_FILE))) {
                foundBy = "current folder";
                return cur;
            }
            cur = cur.getParent();
        }
        // The launcher names its own checkout: a run from a folder without a project plans Derrick's, and says so.
        String home = System.getenv("DERRICK_HOME");
        if (home != null && !home.isBlank() && Files.isRegularFile(Path.of(home).resolve(StackFiles.PROJECT_FILE))) {
            foundBy = "no Pulumi.yaml in the current folder or its parents: Derrick's own project";
            return Path.of(home);
        }
        throw new UserInputException("no Pulumi.yaml in this folder or its parents; run from the project folder or pass --project-dir");
    }

    RawConfig load() {
        Path dir = projectDir();
        RawConfig raw = file != null ? StackFiles.loadFile(dir, file, stack) : StackFiles.load(dir, stack());
        announce(dir, raw);
        return raw;
    }

    /** The line that says which project and stack file a command uses (stderr; not with --output json, which stays parseable). */
    static String describe(String project, Path dir, String foundBy, RawConfig raw) {
        return "derrick: project " + project + " (" + dir.toAbsolutePath().normalize().resolve(StackFiles.PROJECT_FILE) + ", " + foundBy
                + "), stack " + raw.stack() + " (" + raw.origin() + ")";
    }

    private void announce(Path dir, RawConfig raw) {
        if (mixee == null) {
            return;
        }
        var output = mixee.findOption("--output");
        Object format = output == null ? null : output.getValue();
        if (format != null && "json".equals(format.toString())) {
            return;
        }
        var err = mixee.commandLine().getErr();
        err.println(describe(StackFiles.project(dir).name(), dir, foundBy == null ? "" : foundBy, raw));
        err.flush();
    }
}
