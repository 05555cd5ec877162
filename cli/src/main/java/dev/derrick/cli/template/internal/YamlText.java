package dev.derrick.cli.template.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.derrick.cli.UserInputException;
import dev.derrick.io.InputFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Small edits to YAML text that keep the user's comments and layout: drop a top-level block, set
 * entries of a top-level map. Callers check the result by parsing it (see {@link #sameAs}) and
 * fall back to {@link #write} (a full rewrite, as {@code pulumi new} always does) when an edit
 * cannot be made faithfully.
 */
public final class YamlText {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_./-]*|[0-9]*[A-Za-z_][A-Za-z0-9_./-]*");
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_./-]*(:[A-Za-z0-9_./-]+)*");
    /** Words YAML 1.1 (SnakeYAML, hence Jackson) reads as booleans or null. */
    private static final Set<String> SPECIAL = Set.of("y", "yes", "n", "no", "true", "false", "on", "off", "null", "~");

    private YamlText() {
    }

    public static JsonNode parse(Path file) {
        try {
            return parse(InputFiles.readText(file, InputFiles.CONFIG_MAX_BYTES));
        } catch (IllegalArgumentException e) {
            throw new UserInputException(file + ": " + e.getMessage());
        }
    }

    /** The document as a tree (an empty document is an empty map); IllegalArgumentException when malformed. */
    public static JsonNode parse(String text) {
        try {
            dev.derrick.io.StrictYaml.checkLines(text);
            JsonNode n = YAML.readTree(text);
            return n == null || n.isMissingNode() || n instanceof NullNode ? JSON.createObjectNode() : n;
        } catch (JsonProcessingException e) {
            String reason = dev.derrick.io.StrictYaml.safe(e.getOriginalMessage());
            throw new IllegalArgumentException("malformed YAML: " + reason);
        } catch (dev.derrick.io.StrictYaml.YamlProblem e) {
            throw new IllegalArgumentException("malformed YAML: " + e.getMessage());
        }
    }

    /** A whole document, rewritten from the tree (comments are lost). */
    public static String write(JsonNode tree) {
        try {
            return YAML.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when {@code text} parses to exactly {@code expected}. */
    public static boolean sameAs(String text, JsonNode expected) {
        try {
            return parse(text).equals(expected);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A string as a YAML scalar: plain when YAML reads it back as the same string, double-quoted otherwise. */
    public static String scalar(String value) {
        if (PLAIN.matcher(value).matches() && !SPECIAL.contains(value.toLowerCase()) && !looksNumeric(value)) {
            return value;
        }
        return quoted(value);
    }

    /** A mapping key: config keys such as {@code derrick:environment} stay plain. */
    public static String key(String key) {
        return PLAIN_KEY.matcher(key).matches() && !SPECIAL.contains(key.toLowerCase()) && !looksNumeric(key) ? key : quoted(key);
    }

    private static boolean looksNumeric(String v) {
        return v.matches("[-+]?[0-9][0-9_.eE+-]*|[-+]?\\.[0-9].*|0[xXoObB].*|[-+]?\\.(inf|Inf|INF|nan|NaN|NAN)");
    }

    private static String quoted(String value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Removes the top-level entry {@code key:} and every line that belongs to it. */
    public static String removeTopLevel(String text, String key) {
        List<String> lines = lines(text);
        int start = topLevel(lines, key);
        if (start < 0) {
            return text;
        }
        int end = blockEnd(lines, start, 0);
        var out = new ArrayList<String>(lines.subList(0, start));
        out.addAll(lines.subList(end, lines.size()));
        return join(out);
    }

    /**
     * Sets entries of the top-level map {@code parent} (creating it at the end when absent): an
     * existing entry with the same key is replaced where it stands, new ones go first, in the given
     * order. Each value is given as lines relative to the entry's indentation, the first being
     * {@code key: value} or {@code key:}. Returns null when the map is written in a form this does
     * not edit (flow style, e.g. {@code config: {}}).
     */
    public static String setEntries(String text, String parent, Map<String, List<String>> entries) {
        List<String> lines = lines(text);
        int p = topLevel(lines, parent);
        if (p < 0) {
            var out = new ArrayList<>(lines);
            out.add(key(parent) + ":");
            entries.values().forEach(v -> v.forEach(l -> out.add("  " + l)));
            return join(out);
        }
        String rest = lines.get(p).substring(lines.get(p).indexOf(':') + 1).strip();
        if (!rest.isEmpty() && !rest.startsWith("#")) {
            return null;
        }
        int end = blockEnd(lines, p, 0);
        int indent = 2;
        for (int i = p + 1; i < end; i++) {
            if (!isBlankOrComment(lines.get(i))) {
                indent = indentOf(lines.get(i));
                break;
            }
        }
        String pad = " ".repeat(indent);
        var out = new ArrayList<>(lines);
        var fresh = new ArrayList<String>();
        for (var e : entries.entrySet()) {
            int at = entry(out, p + 1, blockEnd(out, p, 0), indent, e.getKey());
            List<String> rendered = e.getValue().stream().map(l -> pad + l).toList();
            if (at >= 0) {
                int stop = blockEnd(out, at, indent);
                while (stop > at + 1 && out.get(stop - 1).isBlank()) {
                    stop--;
                }
                out.subList(at, stop).clear();
                out.addAll(at, rendered);
            } else {
                fresh.addAll(rendered);
            }
        }
        out.addAll(p + 1, fresh);
        return join(out);
    }

    private static List<String> lines(String text) {
        var out = new ArrayList<String>(List.of(text.split("\n", -1)));
        if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    private static String join(List<String> lines) {
        return String.join("\n", lines) + "\n";
    }

    private static int topLevel(List<String> lines, String key) {
        for (int i = 0; i < lines.size(); i++) {
            if (startsEntry(lines.get(i), 0, key)) {
                return i;
            }
        }
        return -1;
    }

    private static int entry(List<String> lines, int from, int to, int indent, String key) {
        for (int i = from; i < to; i++) {
            if (startsEntry(lines.get(i), indent, key)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsEntry(String line, int indent, String key) {
        if (indentOf(line) != indent || line.isBlank()) {
            return false;
        }
        String s = line.substring(indent);
        for (String k : List.of(key, "\"" + key + "\"", "'" + key + "'")) {
            if (s.startsWith(k) && s.substring(k.length()).stripLeading().startsWith(":")) {
                String after = s.substring(k.length()).stripLeading().substring(1);
                if (after.isEmpty() || after.startsWith(" ") || after.startsWith("\t")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The index after the last line of the entry that starts at {@code start} with indentation {@code indent}. */
    private static int blockEnd(List<String> lines, int start, int indent) {
        int i = start + 1;
        for (; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.isBlank()) {
                continue;
            }
            int in = indentOf(l);
            if (in > indent) {
                continue;
            }
            String s = l.substring(in);
            if (s.startsWith("#") && indent == 0) {
                continue;
            }
            if (in == indent && (s.equals("-") || s.startsWith("- ")) && indent > 0) {
                continue;
            }
            break;
        }
        // Blank lines, and comments at the margin, just before the next entry belong to that entry.
        while (i > start + 1 && (lines.get(i - 1).isBlank() || indent == 0 && lines.get(i - 1).startsWith("#"))) {
            i--;
        }
        return i;
    }

    private static boolean isBlankOrComment(String l) {
        return l.isBlank() || l.strip().startsWith("#");
    }

    private static int indentOf(String l) {
        int i = 0;
        while (i < l.length() && l.charAt(i) == ' ') {
            i++;
        }
        return i;
    }
}
