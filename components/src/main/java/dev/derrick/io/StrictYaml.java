package dev.derrick.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.StringReader;
import java.math.BigInteger;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * YAML as Derrick reads config and template files: one document, aliases resolved to their
 * anchor's value (Jackson's tree model reads an alias as the anchor's name), no duplicate keys,
 * merge keys ({@code <<}) applied, plain scalars typed by the YAML 1.2 core schema (as the
 * Pulumi CLI's Go YAML does: {@code yes} stays a string, {@code ~} is null). Errors carry a line
 * and column and never quote the text: a value there may be a secret.
 */
public final class StrictYaml {
    /** Nodes after aliases are expanded; stops an "alias bomb" that the parser's own alias cap lets through. */
    static final int MAX_NODES = 200_000;
    /**
     * Longest line. SnakeYAML's reader copies its window once per 1,024 characters of a token, so one
     * long word costs time quadratic in its length (10 MB: minutes of CPU); a capped line keeps every
     * accepted input well under a second. An encrypted kubeconfig (one {@code secure:} line) is ~10-30 KB.
     */
    public static final int MAX_LINE_CHARS = 128 * 1024;
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");
    private static final Pattern TRUE = Pattern.compile("true|True|TRUE");
    private static final Pattern FALSE = Pattern.compile("false|False|FALSE");
    private static final Pattern INT = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern OCT = Pattern.compile("0o[0-7]+");
    private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]+");
    private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    private static final Pattern INF = Pattern.compile("[-+]?\\.(inf|Inf|INF)");
    private static final Pattern NAN = Pattern.compile("\\.(nan|NaN|NAN)");

    private StrictYaml() {
    }

    /** A problem at a place in the text; {@link #getMessage()} is safe to print. */
    public static final class YamlProblem extends RuntimeException {
        private final int line;
        private final int column;
        private final String problem;

        YamlProblem(int line, int column, String problem) {
            super((line > 0 ? "line " + line + ", column " + column + ": " : "") + problem, null, false, false);
            this.line = line;
            this.column = column;
            this.problem = problem;
        }

        /** 1-based; 0 when unknown. */
        public int line() {
            return line;
        }

        public int column() {
            return column;
        }

        public String problem() {
            return problem;
        }

        /** "line L, column C" or "(unknown position)". */
        public String where() {
            return line > 0 ? "line " + line + ", column " + column : "(unknown position)";
        }
    }

    /** The document as a tree; null when the text holds no document. */
    public static JsonNode parse(String text) {
        checkLines(text);
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(50);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(50);
        options.setCodePointLimit(Math.max(text.length() + 1, 1));
        Iterator<Node> docs;
        try {
            docs = new Yaml(options).composeAll(new StringReader(text)).iterator();
            if (!docs.hasNext()) {
                return null;
            }
            Node first = docs.next();
            if (docs.hasNext()) {
                Node second = docs.next();
                Mark m = second.getStartMark();
                throw new YamlProblem(m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1,
                        "a second YAML document (after ---); Derrick reads one document per file, put everything in the first");
            }
            return new Converter().convert(first, 0);
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new YamlProblem(m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1, safe(e.getProblem()));
        } catch (YAMLException e) {
            throw new YamlProblem(0, 0, safe(e.getMessage()));
        } catch (StackOverflowError e) {
            throw new YamlProblem(0, 0, "nested too deeply");
        }
    }

    /** Refuses a line over {@link #MAX_LINE_CHARS}: call before handing text to any YAML parser. */
    public static void checkLines(String text) {
        int lineStart = 0;
        for (int i = 0, line = 1; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                if (i - lineStart > MAX_LINE_CHARS) {
                    throw new YamlProblem(line, 1, "line longer than " + (MAX_LINE_CHARS / 1024) + " KiB; no config value is that long");
                }
                lineStart = i + 1;
                line++;
            }
        }
    }

    /**
     * Parser messages without anything they quote from the text ({@code found character '\t'},
     * {@code found undefined alias x}): only the parser's own words remain.
     */
    public static String safe(String problem) {
        if (problem == null || problem.isBlank()) {
            return "malformed YAML";
        }
        String p = problem.lines().findFirst().orElse("malformed YAML");
        p = p.replaceAll("'[^']*'", "").replaceAll("\"[^\"]*\"", "").replaceAll("\\(.*$", "");
        p = p.replaceAll("(?i)(undefined alias|anchor|tag|alias|directive|key)\\s+\\S+.*$", "$1");
        p = p.replaceAll("[^\\x20-\\x7e]", "").replaceAll("\\s+", " ").trim();
        if (p.length() > 120) {
            p = p.substring(0, 120);
        }
        return p.isEmpty() ? "malformed YAML" : p;
    }

    private static YamlProblem at(Node n, String problem) {
        Mark m = n.getStartMark();
        return new YamlProblem(m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1, problem);
    }

    private static final class Converter {
        private final Set<Node> open = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        private int nodes;

        JsonNode convert(Node n, int depth) {
            if (++nodes > MAX_NODES) {
                throw at(n, "more than " + MAX_NODES + " values once aliases are expanded");
            }
            if (!open.add(n)) {
                throw at(n, "an alias refers to a node that contains it (recursive alias)");
            }
            try {
                if (n instanceof ScalarNode s) {
                    return scalar(s);
                }
                if (n instanceof SequenceNode seq) {
                    ArrayNode out = F.arrayNode();
                    for (Node item : seq.getValue()) {
                        out.add(convert(item, depth + 1));
                    }
                    return out;
                }
                if (n instanceof MappingNode map) {
                    return mapping(map, depth);
                }
                throw at(n, "unsupported YAML node");
            } finally {
                open.remove(n);
            }
        }

        private ObjectNode mapping(MappingNode map, int depth) {
            var explicit = new LinkedHashMap<String, JsonNode>();
            var merged = new LinkedHashMap<String, JsonNode>();
            for (NodeTuple t : map.getValue()) {
                Node k = t.getKeyNode();
                if (!(k instanceof ScalarNode ks)) {
                    throw at(k, "a key must be a plain word, not a list or map");
                }
                String key = ks.getValue();
                if ("<<".equals(key) && ks.getScalarStyle() == org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN) {
                    merge(t.getValueNode(), merged, depth);
                    continue;
                }
                if (explicit.containsKey(key)) {
                    throw at(k, "duplicate key " + printable(key) + " in one map; keep one");
                }
                explicit.put(key, convert(t.getValueNode(), depth + 1));
            }
            ObjectNode out = F.objectNode();
            merged.forEach((k, v) -> {
                if (!explicit.containsKey(k)) {
                    out.set(k, v);
                }
            });
            explicit.forEach(out::set);
            return out;
        }

        private void merge(Node value, Map<String, JsonNode> into, int depth) {
            JsonNode v = convert(value, depth + 1);
            if (v.isObject()) {
                v.fields().forEachRemaining(e -> into.putIfAbsent(e.getKey(), e.getValue()));
            } else if (v.isArray() && allObjects(v)) {
                v.forEach(m -> m.fields().forEachRemaining(e -> into.putIfAbsent(e.getKey(), e.getValue())));
            } else {
                throw at(value, "a merge key (<<) takes a map or a list of maps");
            }
        }

        private static boolean allObjects(JsonNode a) {
            for (JsonNode x : a) {
                if (!x.isObject()) {
                    return false;
                }
            }
            return true;
        }

        private static JsonNode scalar(ScalarNode s) {
            String v = s.getValue();
            // Quoted, block, or tagged !!str (SnakeYAML's YAML 1.1 resolver never types a word the 1.2 rules below would).
            if (s.getScalarStyle() != org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN || Tag.STR.equals(s.getTag())) {
                return F.textNode(v);
            }
            if (NULL.matcher(v).matches()) {
                return F.nullNode();
            }
            if (TRUE.matcher(v).matches()) {
                return F.booleanNode(true);
            }
            if (FALSE.matcher(v).matches()) {
                return F.booleanNode(false);
            }
            if (v.length() <= 40) {
                if (INT.matcher(v).matches()) {
                    BigInteger b = new BigInteger(v.startsWith("+") ? v.substring(1) : v);
                    return b.bitLength() < 32 ? F.numberNode(b.intValue()) : b.bitLength() < 64 ? F.numberNode(b.longValue()) : F.numberNode(b);
                }
                if (OCT.matcher(v).matches()) {
                    return F.numberNode(new BigInteger(v.substring(2), 8).longValue());
                }
                if (HEX.matcher(v).matches()) {
                    return F.numberNode(new BigInteger(v.substring(2), 16).longValue());
                }
                if (FLOAT.matcher(v).matches()) {
                    return F.numberNode(Double.parseDouble(v));
                }
                if (INF.matcher(v).matches()) {
                    return F.numberNode(v.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
                }
                if (NAN.matcher(v).matches()) {
                    return F.numberNode(Double.NaN);
                }
            }
            return F.textNode(v);
        }
    }

    /** A key as messages show it: printable ASCII as is, anything else as a Unicode escape (a look-alike letter shows). */
    public static String printable(String key) {
        var sb = new StringBuilder();
        for (int i = 0; i < key.length() && sb.length() < 200; i++) {
            char c = key.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                sb.append(c);
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb.toString();
    }
}
