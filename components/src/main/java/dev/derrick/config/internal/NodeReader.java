package dev.derrick.config.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads one JSON object of config into typed values, recording a problem (with file, path, the
 * bad value and a hint) instead of stopping at the first one. Absent or mistyped values read as
 * null, so binding always finishes and every problem is seen.
 */
public final class NodeReader {
    private final JsonNode node;
    private final String file;
    private final String path;
    private final boolean secret;
    private final Problems problems;
    private final Set<String> seen = new LinkedHashSet<>();

    public NodeReader(JsonNode node, String file, String path, boolean secret, Problems problems) {
        this.node = node;
        this.file = file;
        this.path = path;
        this.secret = secret;
        this.problems = problems;
    }

    public String path() {
        return path;
    }

    public String file() {
        return file;
    }

    public Problems problems() {
        return problems;
    }

    public boolean secret() {
        return secret;
    }

    /**
     * The path of field {@code name} of this object. A reader over a top-level key's wrapper has the
     * path {@code derrick:}, so its fields print as {@code derrick:tags}, not {@code derrick.tags}.
     */
    public String at(String name) {
        return path.endsWith(":") ? path + name : path + "." + name;
    }

    /** Records a problem about field {@code field} of this object (or the object itself when null). */
    public void problem(String field, String problem, Object value, String hint) {
        problems.add(file, field == null ? path : at(field), problem, show(value), hint);
    }

    public String show(Object value) {
        if (value == null) {
            return null;
        }
        if (secret) {
            return "[secret]";
        }
        if (value instanceof JsonNode j) {
            return j.isTextual() ? "\"" + j.asText() + "\"" : j.toString();
        }
        return String.valueOf(value);
    }

    /** The object's keys in the order written (for maps whose keys are the user's names, e.g. a team's {@code gpus}). */
    public List<String> keys() {
        var out = new ArrayList<String>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** Whether the object gives {@code name} a (non-null) value, read or not. */
    public boolean has(String name) {
        JsonNode v = node.get(name);
        return v != null && !v.isNull();
    }

    private JsonNode field(String name) {
        seen.add(name);
        JsonNode v = node.get(name);
        return v == null || v.isNull() ? null : v;
    }

    private void missing(String name, String hint) {
        problem(name, "required value is missing", null, hint);
    }

    private void wrongType(String name, JsonNode v, String expected, String example) {
        problem(name, "must be " + expected + ", not " + describe(v), v, "write it as " + example);
    }

    static String describe(JsonNode v) {
        JsonNodeType t = v.getNodeType();
        return switch (t) {
            case STRING -> "a string";
            case NUMBER -> v.isIntegralNumber() ? (v.canConvertToInt() ? "a number" : "a number too large") : "a decimal number";
            case BOOLEAN -> "true/false";
            case ARRAY -> "a list";
            case OBJECT -> "a map";
            default -> t.name().toLowerCase(Locale.ROOT);
        };
    }

    public String string(String name, boolean required, String hint) {
        JsonNode v = field(name);
        if (v == null) {
            if (required) {
                missing(name, hint);
            }
            return null;
        }
        if (!v.isTextual() && !v.isNumber()) {
            wrongType(name, v, "a string", "\"value\"");
            return null;
        }
        return v.asText();
    }

    public Integer integer(String name, boolean required, String hint) {
        JsonNode v = field(name);
        if (v == null) {
            if (required) {
                missing(name, hint);
            }
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            wrongType(name, v, "a whole number", "a number without quotes, e.g. " + name + ": 2");
            return null;
        }
        return v.asInt();
    }

    public Double number(String name) {
        JsonNode v = field(name);
        if (v == null) {
            return null;
        }
        if (!v.isNumber()) {
            wrongType(name, v, "a number", "a number without quotes, e.g. " + name + ": 800");
            return null;
        }
        return v.asDouble();
    }

    public Boolean bool(String name) {
        JsonNode v = field(name);
        if (v == null) {
            return null;
        }
        if (!v.isBoolean()) {
            wrongType(name, v, "true or false", name + ": true");
            return null;
        }
        return v.asBoolean();
    }

    public List<String> strings(String name) {
        JsonNode v = field(name);
        if (v == null) {
            return null;
        }
        if (!v.isArray()) {
            wrongType(name, v, "a list of strings", name + ": [a, b]");
            return null;
        }
        var out = new ArrayList<String>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            if (!e.isTextual()) {
                problems.add(file, at(name) + "[" + i + "]", "must be a string, not " + describe(e), show(e), "quote it");
            } else {
                out.add(e.asText());
            }
        }
        return out;
    }

    public Map<String, String> stringMap(String name) {
        JsonNode v = field(name);
        if (v == null) {
            return null;
        }
        return stringMapOf(v, file, path + "." + name, name, secret, problems);
    }

    /**
     * Reads {@code v} as a map of plain values found at {@code path} (a top-level key such as
     * {@code derrick:tags}, or a nested one); {@code name} is how the example in a hint spells it.
     */
    public static Map<String, String> stringMapOf(JsonNode v, String file, String path, String name, boolean secret, Problems problems) {
        var reader = new NodeReader(v, file, path, secret, problems);
        if (!v.isObject()) {
            problems.add(file, path, "must be a map of strings, not " + describe(v), reader.show(v), "write it as " + name + ": {key: value}");
            return null;
        }
        var out = new LinkedHashMap<String, String>();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                problems.add(file, path + "." + e.getKey(), "must be a string, not " + describe(e.getValue()),
                        reader.show(e.getValue()), "write a plain value");
            } else {
                out.put(e.getKey(), e.getValue().asText());
            }
        }
        return out;
    }

    public <E extends Enum<E>> E enumValue(String name, Class<E> type, boolean required, String hint) {
        JsonNode raw = node.get(name);
        String s = string(name, false, null);
        if (s == null) {
            if (required && (raw == null || raw.isNull())) {
                missing(name, hint);
            }
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (token(e).equals(s)) {
                return e;
            }
        }
        var allowed = new ArrayList<String>();
        for (E e : type.getEnumConstants()) {
            allowed.add(token(e));
        }
        problem(name, "unknown value", "\"" + s + "\"", "use one of " + String.join(", ", allowed));
        return null;
    }

    /** The config spelling of an enum constant: ON_DEMAND -> on-demand. */
    public static String token(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public NodeReader object(String name) {
        JsonNode v = field(name);
        if (v == null) {
            return null;
        }
        if (!v.isObject()) {
            wrongType(name, v, "a map", name + ": {key: value}");
            return null;
        }
        return new NodeReader(v, file, at(name), secret, problems);
    }

    public <T> List<T> list(String name, boolean required, String hint, Function<NodeReader, T> item) {
        JsonNode v = field(name);
        if (v == null) {
            if (required) {
                missing(name, hint);
            }
            return null;
        }
        return listOf(v, file, at(name), secret, problems, item);
    }

    public static <T> List<T> listOf(JsonNode v, String file, String path, boolean secret, Problems problems,
                                     Function<NodeReader, T> item) {
        if (!v.isArray()) {
            problems.add(file, path, "must be a list, not " + describe(v), secret ? "[secret]" : v.toString(),
                    "write it as a YAML list (lines starting with '- ')");
            return null;
        }
        var out = new ArrayList<T>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            String p = path + "[" + i + "]";
            if (!e.isObject()) {
                problems.add(file, p, "must be a map, not " + describe(e), secret ? "[secret]" : e.toString(),
                        "write each entry as key: value pairs");
                continue;
            }
            var r = new NodeReader(e, file, p, secret, problems);
            T t = item.apply(r);
            r.finish();
            out.add(t);
        }
        return out;
    }

    /** Reports keys nobody read: typos and settings Derrick does not know. */
    public void finish() {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!seen.contains(k)) {
                String guess = Suggest.closest(k, seen);
                problems.add(file, at(k), "unknown key", null,
                        guess != null ? "did you mean '" + guess + "'?" : "known keys here: " + String.join(", ", seen));
            }
        }
    }
}
