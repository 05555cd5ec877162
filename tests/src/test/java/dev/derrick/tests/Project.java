package dev.derrick.tests;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the project under test is: the repository root. */
final class Project {
    private Project() {
    }

    static Path root() {
        String prop = System.getProperty("derrick.projectDir");
        if (prop != null && !prop.isBlank() && Files.exists(Path.of(prop, "Pulumi.yaml"))) {
            return Path.of(prop).toAbsolutePath();
        }
        Path cur = Path.of("").toAbsolutePath();
        while (cur != null && !Files.exists(cur.resolve("Pulumi.yaml"))) {
            cur = cur.getParent();
        }
        if (cur == null) {
            throw new IllegalStateException("cannot find the project root (Pulumi.yaml)");
        }
        return cur;
    }

    /** The project's version (derrick-parent's), which the templates must depend on. */
    static String version() {
        try {
            String pom = java.nio.file.Files.readString(root().resolve("pom.xml"));
            var m = java.util.regex.Pattern.compile("<artifactId>derrick-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
            if (!m.find()) {
                throw new IllegalStateException("no derrick-parent version in pom.xml");
            }
            return m.group(1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Path resource(String name) {
        return root().resolve("tests/src/test/resources").resolve(name);
    }
}
