package dev.derrick.cli.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which inputs of a resource type force its replacement when they change, from the bundled table
 * {@code replacement-inputs.yaml} (each entry with the provider source it was read from and the date).
 *
 * <p>Per type: {@code inputs} (a change of the input, or of anything under it, forces replacement), {@code blocks}
 * (adding or removing the block forces it; its own fields force only where they are listed), {@code when} (an input
 * that forces replacement only for some changes: {@code cidr-shrinks}, {@code true-to-false}) and {@code rejected}
 * (inputs the cloud cannot change in place while the pinned provider still sends an update, which then fails).
 * A type key ending in {@code *} applies to every type with that prefix.
 */
public final class ReplacementInputs {
    private static final String RESOURCE = "replacement-inputs.yaml";
    private static final ReplacementInputs BUNDLED = load();
    private static final Pattern INDEX = Pattern.compile("\\[\\d+]");

    /** One type's table entry. */
    record Entry(String source, List<String> inputs, List<String> blocks, Map<String, String> when, List<String> rejected,
                 String rejectedSource, String rejectedWhy) {
    }

    private final Map<String, Entry> byType;

    private ReplacementInputs(Map<String, Entry> byType) {
        this.byType = Map.copyOf(byType);
    }

    public static ReplacementInputs bundled() {
        return BUNDLED;
    }

    /** The entries that apply to {@code type}: its own and those of every {@code prefix*} key it starts with. */
    private List<Entry> entries(String type) {
        var out = new ArrayList<Entry>();
        byType.forEach((k, e) -> {
            if (k.equals(type) || (k.endsWith("*") && type.startsWith(k.substring(0, k.length() - 1)))) {
                out.add(e);
            }
        });
        return out;
    }

    /** The changed input paths (as {@link PlanDiff} writes them: {@code a.b}, {@code list[0]}) that force replacement of {@code type}. */
    public List<String> forcing(String type, Iterable<String> changedPaths) {
        var changes = new LinkedHashMap<String, Object[]>();
        changedPaths.forEach(p -> changes.put(p, new Object[]{null, null}));
        return forcing(type, changes);
    }

    /**
     * The changed inputs (path -> [before, after]) that force replacement of {@code type}. A block that appears or
     * disappears forces it when the block itself is listed, or when it carries a field that is.
     */
    public List<String> forcing(String type, Map<String, Object[]> changes) {
        var entries = entries(type);
        var out = new ArrayList<String>();
        for (var c : changes.entrySet()) {
            String path = c.getKey();
            Object before = c.getValue()[0], after = c.getValue()[1];
            String plain = INDEX.matcher(path).replaceAll("");
            boolean forces = false;
            for (Entry e : entries) {
                if (matches(e.inputs(), plain) || e.blocks().contains(plain) || conditional(e.when().get(plain), before, after)) {
                    forces = true;
                } else if (before == null || after == null) {
                    // A whole block added or removed: each field it carries changes from or to nothing.
                    var leaves = new ArrayList<String>();
                    leaves(plain, before == null ? after : before, leaves);
                    forces = leaves.stream().anyMatch(l -> matches(e.inputs(), l) || e.blocks().contains(l));
                }
                if (forces) {
                    break;
                }
            }
            if (forces) {
                out.add(path);
            }
        }
        return out;
    }

    /** The changed inputs of {@code type} that the cloud cannot change in place although the provider would try to. */
    public List<String> rejected(String type, Iterable<String> changedPaths) {
        var out = new ArrayList<String>();
        for (Entry e : entries(type)) {
            for (String path : changedPaths) {
                if (matches(e.rejected(), INDEX.matcher(path).replaceAll("")) && !out.contains(path)) {
                    out.add(path);
                }
            }
        }
        return out;
    }

    /** Why {@code type}'s rejected inputs cannot change in place, with the source; null when the table has none. */
    public String rejectedWhy(String type) {
        return entries(type).stream().filter(e -> e.rejectedWhy() != null).map(Entry::rejectedWhy).findFirst().orElse(null);
    }

    /** Whether the table has an entry for {@code type} (its own or a {@code prefix*} one). */
    public boolean covers(String type) {
        return !entries(type).isEmpty();
    }

    /** The source id of {@code type}'s own entry; null when the table has none. */
    public String sourceOf(String type) {
        Entry e = byType.get(type);
        return e == null ? null : e.source();
    }

    private static boolean matches(List<String> inputs, String path) {
        for (String input : inputs) {
            if (path.equals(input) || path.startsWith(input + ".")) {
                return true;
            }
        }
        return false;
    }

    private static boolean conditional(String condition, Object before, Object after) {
        if (condition == null) {
            return false;
        }
        return switch (condition) {
            case "true-to-false" -> Boolean.TRUE.equals(before) && Boolean.FALSE.equals(after);
            case "cidr-shrinks" -> before instanceof String b && after instanceof String a && !Cidr.contains(a, b);
            default -> throw new IllegalStateException(RESOURCE + ": unknown condition " + condition);
        };
    }

    @SuppressWarnings("unchecked")
    private static void leaves(String path, Object value, List<String> out) {
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> leaves(path + "." + k, v, out));
        } else if (value instanceof List<?> l && !l.isEmpty() && l.stream().anyMatch(x -> x instanceof Map<?, ?>)) {
            l.forEach(v -> leaves(path, v, out));
        } else if (value != null) {
            out.add(path);
        }
    }

    /** IPv4 CIDR containment, for {@code cidr-shrinks}: a range that is no longer inside the new one. */
    static final class Cidr {
        private Cidr() {
        }

        /** Whether {@code outer} contains every address of {@code inner}; false when either is not an IPv4 CIDR. */
        static boolean contains(String outer, String inner) {
            long[] o = parse(outer), i = parse(inner);
            if (o == null || i == null) {
                return false;
            }
            return o[1] <= i[1] && (o[0] >> (32 - o[1])) == (i[0] >> (32 - o[1]));
        }

        private static long[] parse(String cidr) {
            String[] p = cidr.split("/");
            String[] q = p[0].split("\\.");
            if (p.length != 2 || q.length != 4) {
                return null;
            }
            try {
                long a = 0;
                for (String x : q) {
                    int n = Integer.parseInt(x);
                    if (n < 0 || n > 255) {
                        return null;
                    }
                    a = (a << 8) | n;
                }
                int bits = Integer.parseInt(p[1]);
                return bits < 0 || bits > 32 ? null : new long[]{a, bits};
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    private static List<String> strings(JsonNode n) {
        var out = new ArrayList<String>();
        n.forEach(x -> out.add(x.asText()));
        return List.copyOf(out);
    }

    private static ReplacementInputs load() {
        try (InputStream in = ReplacementInputs.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing bundled " + RESOURCE);
            }
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
            var byType = new HashMap<String, Entry>();
            var known = Set.copyOf(iterable(root.path("sources").fieldNames()));
            root.path("resources").fields().forEachRemaining(e -> {
                JsonNode n = e.getValue();
                String source = n.path("source").asText();
                JsonNode rej = n.path("rejected");
                String rejectedSource = rej.isMissingNode() ? null : rej.path("source").asText();
                for (String s : rejectedSource == null ? List.of(source) : List.of(source, rejectedSource)) {
                    if (!known.contains(s)) {
                        throw new IllegalStateException(RESOURCE + ": " + e.getKey() + " names no known source (" + s + ")");
                    }
                }
                var when = new LinkedHashMap<String, String>();
                n.path("when").fields().forEachRemaining(w -> when.put(w.getKey(), w.getValue().asText()));
                byType.put(e.getKey(), new Entry(source, strings(n.path("inputs")), strings(n.path("blocks")), Map.copyOf(when),
                        strings(rej.path("inputs")), rejectedSource, rej.isMissingNode() ? null : rej.path("why").asText()));
            });
            return new ReplacementInputs(byType);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        var out = new ArrayList<String>();
        it.forEachRemaining(out::add);
        return out;
    }
}
