package dev.derrick.cli;

import dev.derrick.config.RawConfig;
import dev.derrick.config.StackFiles;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/** Which stack a command works on, and where the project is. */
public final class StackOptions {
    @Option(names = {"-s", "--stack"}, paramLabel = "STACK", defaultValue = "dev",
            description = "Stack to use: reads <stackConfigDir>/Pulumi.<STACK>.yaml over Pulumi.yaml (default: ${DEFAULT-VALUE}).")
    String stack;

    @Option(names = "--file", paramLabel = "PATH",
            description = "A stack config file to use instead of -s (its stack name is taken from Pulumi.<stack>.yaml).")
    Path file;

    @Option(names = "--project-dir", paramLabel = "DIR",
            description = "Folder with Pulumi.yaml (default: $DERRICK_PROJECT_DIR, else the current folder or the nearest parent with one).")
    Path projectDir;

    @Option(names = "--debug", description = "Print stack traces of internal errors.")
    boolean debug;

    Path projectDir() {
        if (projectDir != null) {
            if (!Files.isRegularFile(projectDir.resolve(StackFiles.PROJECT_FILE))) {
                throw new UserInputException("--project-dir " + projectDir + ": no Pulumi.yaml there; point it at the project folder");
            }
            return projectDir;
        }
        String env = System.getenv("DERRICK_PROJECT_DIR");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        Path cur = Path.of("").toAbsolutePath();
        while (cur != null) {
            if (Files.isRegularFile(cur.resolve(StackFiles.PROJECT_FILE))) {
                return cur;
            }
            cur = cur.getParent();
        }
        throw new UserInputException("no Pulumi.yaml in this folder or its parents; run from the project folder or pass --project-dir");
    }

    RawConfig load() {
        Path dir = projectDir();
        return file != null ? StackFiles.loadFile(dir, file) : StackFiles.load(dir, stack);
    }
}
