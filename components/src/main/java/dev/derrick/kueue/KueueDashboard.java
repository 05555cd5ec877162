package dev.derrick.kueue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Grafana dashboard of GPU quota use per team and queue wait, from Kueue's metrics (bundled {@code kueue-teams.json}). */
public final class KueueDashboard {
    public static final String ID = "kueue-teams";

    private KueueDashboard() {
    }

    public static String json() {
        return resource(ID + ".json");
    }

    private static final java.util.Map<String, String> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    /** A text file bundled next to this package's classes, read once per process. */
    static String resource(String name) {
        return CACHE.computeIfAbsent(name, n -> {
            try (InputStream in = KueueDashboard.class.getResourceAsStream(n)) {
                if (in == null) {
                    throw new IllegalStateException(n + " is not on the classpath");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
