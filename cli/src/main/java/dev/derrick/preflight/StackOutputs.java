package dev.derrick.preflight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import dev.derrick.io.InputFileException;
import dev.derrick.io.InputFiles;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A stack's outputs as {@code pulumi stack output --json} prints them: one JSON object, output
 * name to value. Derrick's program names them {@code <cluster>.clusterName},
 * {@code <cluster>.<pool>.nodeGroupName}, {@code <store>.bucketName}, {@code <registry>.repositoryUrl}.
 */
public final class StackOutputs {
    /** What {@code pulumi stack output --json} prints for a secret without {@code --show-secrets}. */
    public static final String SECRET_PLACEHOLDER = "[secret]";
    private final Map<String, JsonNode> values;

    public StackOutputs(Map<String, JsonNode> values) {
        this.values = Map.copyOf(values);
    }

    /**
     * @throws IllegalArgumentException when the file is missing or is not one JSON object
     * @throws dev.derrick.io.InputFileException when it is not a regular file, too large or not UTF-8
     */
    public static StackOutputs read(Path file) {
        String text;
        try {
            text = InputFiles.readText(file, InputFiles.OUTPUTS_MAX_BYTES);
        } catch (InputFileException e) {
            if (e.problem().equals("no such file")) {
                throw new IllegalArgumentException(file + ": no such file; write it with `pulumi stack output --json > FILE`");
            }
            throw e;
        }
        try {
            JsonNode root = new ObjectMapper().readTree(text);
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException(file + ": expected the JSON object of `pulumi stack output --json`");
            }
            var out = new LinkedHashMap<String, JsonNode>();
            root.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
            return new StackOutputs(out);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // The parser's message quotes the token it choked on, which may be a secret: only the place is printed.
            var loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new IllegalArgumentException(file + ": not valid JSON" + where + "; write it with `pulumi stack output --json`");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read (" + e.getClass().getSimpleName() + ")");
        }
    }


    /** The text value of an output; empty when absent, not text, or a hidden secret. */
    public Optional<String> text(String name) {
        JsonNode v = values.get(name);
        if (v == null || !v.isTextual() || v.asText().isBlank() || SECRET_PLACEHOLDER.equals(v.asText())) {
            return Optional.empty();
        }
        return Optional.of(v.asText());
    }

    /** The fix for a missing output, for check results. */
    public static String missingFix(String name) {
        return "the outputs have no '" + name + "': run `pulumi up` with this Derrick version, then `pulumi stack output --json > FILE`";
    }
}
