package dev.derrick.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden files under tests/src/test/resources/golden. They change only when a test is run with
 * {@code -Dgolden.update=true}; otherwise any difference fails the test.
 */
final class Golden {
    private Golden() {
    }

    static boolean updating() {
        return Boolean.parseBoolean(System.getProperty("golden.update", "false"));
    }

    static void check(String name, String actual) throws IOException {
        Path file = Project.resource("golden").resolve(name);
        if (updating()) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual);
            return;
        }
        assertThat(file).as("golden file %s exists (create it with -Dgolden.update=true)", name).exists();
        assertThat(actual).as("output differs from golden file %s (if the change is intended, regenerate with -Dgolden.update=true and review the diff)", name)
                .isEqualTo(Files.readString(file));
    }
}
