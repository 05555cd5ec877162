package dev.derrick.kubernetes.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Text files bundled in the components jar under {@code dev/derrick/kubernetes/}. */
public final class Bundled {
    private Bundled() {
    }

    private static final java.util.Map<String, String> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    /** A bundled text file, read once per process (every cluster renders the same dashboards and rules). */
    public static String text(String path) {
        return CACHE.computeIfAbsent(path, Bundled::read);
    }

    private static String read(String path) {
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
