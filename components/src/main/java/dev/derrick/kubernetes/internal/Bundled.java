package dev.derrick.kubernetes.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Text files bundled in the components jar under {@code dev/derrick/kubernetes/}. */
public final class Bundled {
    private Bundled() {
    }

    public static String text(String path) {
        String name = "/dev/derrick/kubernetes/" + path;
        try (InputStream in = Bundled.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the classpath (see components/pom.xml resources)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
