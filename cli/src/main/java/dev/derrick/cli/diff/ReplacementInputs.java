package dev.derrick.cli.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which inputs of a resource type force its replacement when they change, from the bundled table
 * {@code replacement-inputs.yaml} (each entry with the provider source it was read from and the date).
 */
public final class ReplacementInputs {
    private static final String RESOURCE = "replacement-inputs.yaml";
    private static final ReplacementInputs BUNDLED = load();

    private final Map<String, List<String>> byType;
    private final Map<String, String> sourceOfType;

    private ReplacementInputs(Map<String, List<String>> byType, Map<String, String> sourceOfType) {
        this.byType = Map.copyOf(byType);
        this.sourceOfType = Map.copyOf(sourceOfType);
    }

    public static ReplacementInputs bundled() {
        return BUNDLED;
    }

    /** The changed input paths (as {@link PlanDiff} writes them: {@code a.b}, {@code list[0]}) that force replacement of {@code type}. */
    public List<String> forcing(String type, Iterable<String> changedPaths) {
        var inputs = byType.getOrDefault(type, List.of());
        var out = new ArrayList<String>();
        for (String path : changedPaths) {
            for (String input : inputs) {
                if (path.equals(input) || path.startsWith(input + ".") || path.startsWith(input + "[")) {
                    out.add(path);
                    break;
                }
            }
        }
        return out;
    }

    /** The source id of {@code type}'s entry; null when the table has none. */
    public String sourceOf(String type) {
        return sourceOfType.get(type);
    }

    private static ReplacementInputs load() {
        try (InputStream in = ReplacementInputs.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing bundled " + RESOURCE);
            }
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
            var byType = new HashMap<String, List<String>>();
            var sources = new HashMap<String, String>();
            root.path("resources").fields().forEachRemaining(e -> {
                String source = e.getValue().path("source").asText();
                if (!root.path("sources").has(source)) {
                    throw new IllegalStateException(RESOURCE + ": " + e.getKey() + " names no known source (" + source + ")");
                }
                var inputs = new ArrayList<String>();
                e.getValue().path("inputs").forEach(n -> inputs.add(n.asText()));
                byType.put(e.getKey(), List.copyOf(inputs));
                sources.put(e.getKey(), source);
            });
            return new ReplacementInputs(byType, sources);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
