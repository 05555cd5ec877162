package dev.derrick.preflight;

import dev.derrick.config.Target;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * API endpoints per cloud, for emulators and private endpoints: {@code --endpoint aws=URL}
 * (repeatable) over {@code DERRICK_<CLOUD>_ENDPOINT} (e.g. {@code DERRICK_AWS_ENDPOINT}).
 * A cloud without one talks to its public endpoints, as its SDK decides.
 */
public final class Endpoints {
    private final Map<Target, URI> byCloud;

    private Endpoints(Map<Target, URI> byCloud) {
        this.byCloud = Map.copyOf(byCloud);
    }

    public static Endpoints none() {
        return new Endpoints(Map.of());
    }

    /**
     * @param flags {@code cloud=URL} values of {@code --endpoint}
     * @param env   the environment ({@code System.getenv()})
     * @throws IllegalArgumentException on an unknown cloud or a URL that is not http(s)://host[:port]
     */
    public static Endpoints parse(List<String> flags, Map<String, String> env) {
        var out = new EnumMap<Target, URI>(Target.class);
        for (Target t : Target.values()) {
            String v = env.get("DERRICK_" + t.name() + "_ENDPOINT");
            if (v != null && !v.isBlank()) {
                out.put(t, uri(v.trim(), "DERRICK_" + t.name() + "_ENDPOINT"));
            }
        }
        for (String flag : flags == null ? List.<String>of() : flags) {
            int eq = flag.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--endpoint " + flag + ": expected CLOUD=URL, e.g. aws=http://127.0.0.1:5000");
            }
            String cloud = flag.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            Target t = switch (cloud) {
                case "aws" -> Target.AWS;
                case "gcp" -> Target.GCP;
                case "azure" -> Target.AZURE;
                default -> throw new IllegalArgumentException("--endpoint " + flag + ": unknown cloud '" + cloud + "'; use aws, gcp or azure");
            };
            out.put(t, uri(flag.substring(eq + 1).trim(), "--endpoint " + flag));
        }
        return new Endpoints(out);
    }

    public Optional<URI> of(Target cloud) {
        return Optional.ofNullable(byCloud.get(cloud));
    }

    private static URI uri(String text, String where) {
        try {
            URI u = new URI(text);
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                throw new IllegalArgumentException(where + ": '" + text + "' is not an http(s) URL; e.g. http://127.0.0.1:5000");
            }
            return u;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(where + ": '" + text + "' is not an http(s) URL; e.g. http://127.0.0.1:5000");
        }
    }
}
