package dev.derrick.kubernetes;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.fail;

/**
 * Finds local test tools (Debian's promtool and prometheus). A missing tool skips the test, unless
 * {@code DERRICK_REQUIRE_EMULATORS} is set (CI sets it through scripts/test): then it fails.
 */
final class LocalTools {
    static final String REQUIRE = "DERRICK_REQUIRE_EMULATORS";

    private LocalTools() {
    }

    static Optional<Path> find(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : (path + File.pathSeparator + "/usr/bin").split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The tool's path; skips the test when it is missing, or fails it when CI requires the tool. */
    static Path require(String name) {
        return require(name, System.getenv(REQUIRE));
    }

    static Path require(String name, String required) {
        Optional<Path> tool = find(name);
        if (tool.isPresent()) {
            return tool.get();
        }
        String why = name + " not found (Debian package prometheus; scripts/test-monitoring installs it)";
        if (required != null && !required.isBlank()) {
            return fail(why + ", and " + REQUIRE + " is set");
        }
        Assumptions.abort(why + "; skipped because " + REQUIRE + " is unset");
        return null;
    }
}
