package dev.derrick.kueue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Grafana dashboard of GPU quota use per team and queue wait, from Kueue's metrics (bundled {@code kueue-teams.json}). */
public final class KueueDashboard {
    public static final String ID = "kueue-teams";
    private static volatile String json;

    private KueueDashboard() {
    }

    public static String json() {
        if (json == null) {
            try (InputStream in = KueueDashboard.class.getResourceAsStream(ID + ".json")) {
                if (in == null) {
                    throw new IllegalStateException(ID + ".json is not on the classpath");
                }
                json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return json;
    }
}
