package dev.derrick.cli.lookup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.derrick.catalog.Catalog;
import dev.derrick.config.ClusterSpec;
import dev.derrick.config.NodePoolSpec;
import dev.derrick.config.RawConfig;
import dev.derrick.config.RawValue;
import dev.derrick.config.StackConfig;
import dev.derrick.config.internal.NodeReader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A stack's effective config, each value with where it came from: the file that set a top-level key (Pulumi.yaml's
 * defaults or the stack file), and for every node pool setting whether the pool wrote it, its cluster's
 * {@code nodePoolDefaults} did, Derrick's default applies, or the catalog picked it. Secrets are {@code [secret]}.
 */
public final class EffectiveConfig {
    /** Where a value came from, besides a file name. */
    public static final String FROM_POOL = "pool", FROM_DEFAULTS = "nodePoolDefaults", FROM_DERRICK = "Derrick default", FROM_CATALOG = "catalog pick";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/@-]*");
    private static final String CLUSTERS = "derrick:clusters";
    /** Strings YAML would read as numbers (1.35, 4711, 1e3): quoted so they stay strings. */
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d[\\d_]*)?(\\.\\d*)?([eE][-+]?\\d+)?|0x[0-9a-fA-F]+|0o[0-7]+");

    /** A value and where it came from. */
    public record Sourced(Object value, String from) {
    }

    private EffectiveConfig() {
    }

    /** Key (in file order) -> value with source; {@code derrick:clusters} expanded into clusters and effective pools. */
    public static Map<String, Object> of(RawConfig raw, StackConfig config, Catalog catalog) {
        var out = new LinkedHashMap<String, Object>();
        raw.values().forEach((key, v) -> {
            if (key.equals(CLUSTERS) && !v.secret()) {
                RawValue region = raw.values().get("derrick:region");
                out.put(key, clusters(v, config, catalog, region == null ? "derrick:region" : "derrick:region (" + region.file() + ")"));
            } else {
                out.put(key, new Sourced(v.secret() ? "[secret]" : parse(v.text()), v.file()));
            }
        });
        return out;
    }

    private static Object parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(text);
            return n.isContainerNode() ? JSON.convertValue(n, Object.class) : text;
        } catch (Exception e) {
            return text;
        }
    }

    private static List<Object> clusters(RawValue v, StackConfig config, Catalog catalog, String stackRegion) {
        JsonNode rawClusters;
        try {
            rawClusters = JSON.readTree(v.text());
        } catch (Exception e) {
            rawClusters = JSON.createArrayNode();
        }
        var out = new ArrayList<Object>();
        for (int i = 0; i < config.clusters().size(); i++) {
            ClusterSpec c = config.clusters().get(i);
            JsonNode rc = rawClusters.path(i);
            var m = new LinkedHashMap<String, Object>();
            put(m, rc, "name", c.name(), v.file());
            put(m, rc, "target", NodeReader.token(c.target()), v.file());
            m.put("region", new Sourced(c.region(), rc.has("region") ? v.file() : c.region() == null ? FROM_DERRICK : stackRegion));
            put(m, rc, "kubernetesVersion", c.kubernetesVersion(), v.file());
            put(m, rc, "zones", c.zones(), v.file());
            put(m, rc, "endpointAccess", NodeReader.token(c.endpointAccess()), v.file());
            for (String k : List.of("vpcCidr", "subnetIds", "podCidr", "serviceCidr", "gpuDriver", "storageClass")) {
                if (rc.has(k)) {
                    m.put(k, new Sourced(JSON.convertValue(rc.get(k), Object.class), v.file()));
                }
            }
            var pools = new ArrayList<Object>();
            for (int j = 0; j < c.nodePools().size(); j++) {
                pools.add(pool(c, c.nodePools().get(j), rc.path("nodePools").path(j), rc.path("nodePoolDefaults"), catalog));
            }
            m.put("nodePools", pools);
            out.add(m);
        }
        return out;
    }

    private static void put(Map<String, Object> m, JsonNode raw, String key, Object value, String file) {
        m.put(key, new Sourced(value, raw.has(key) ? file : FROM_DERRICK));
    }

    private static Map<String, Object> pool(ClusterSpec c, NodePoolSpec p, JsonNode raw, JsonNode defaults, Catalog catalog) {
        var m = new LinkedHashMap<String, Object>();
        Function<String, String> from = k -> raw.has(k) ? FROM_POOL : defaults.has(k) ? FROM_DEFAULTS : FROM_DERRICK;
        m.put("name", new Sourced(p.name(), FROM_POOL));
        if (p.accelerator() != null || raw.has("accelerator") || defaults.has("accelerator")) {
            m.put("accelerator", new Sourced(p.accelerator(), from.apply("accelerator")));
        }
        String cloud = NodeReader.token(c.target());
        var picked = catalog.pick(cloud, p.accelerator(), p.gpusPerNode(), p.machineType());
        if (p.machineType() != null) {
            m.put("machineType", new Sourced(p.machineType(), from.apply("machineType")));
        } else if (picked.isPresent()) {
            m.put("machineType", new Sourced(picked.get().name(), FROM_CATALOG));
        }
        if (p.isGpu()) {
            m.put("gpusPerNode", p.gpusPerNode() != null ? new Sourced(p.gpusPerNode(), from.apply("gpusPerNode"))
                    : new Sourced(picked.map(t -> (Object) t.gpus()).orElse(null), FROM_CATALOG));
        }
        m.put("min", new Sourced(p.min(), from.apply("min")));
        m.put("max", new Sourced(p.max(), from.apply("max")));
        m.put("desired", new Sourced(p.desired(), from.apply("desired")));
        m.put("capacity", new Sourced(NodeReader.token(p.capacity()), from.apply("capacity")));
        m.put("zones", new Sourced(c.zonesOf(p), raw.has("zones") ? FROM_POOL : defaults.has("zones") ? FROM_DEFAULTS : "cluster zones"));
        m.put("diskSizeGb", new Sourced(p.diskSizeGb(), from.apply("diskSizeGb")));
        if (!p.labels().isEmpty() || raw.has("labels") || defaults.has("labels")) {
            m.put("labels", new Sourced(p.labels(), raw.has("labels") && defaults.has("labels") ? "pool + nodePoolDefaults" : from.apply("labels")));
        }
        m.put("taints", new Sourced(p.nodeTaints().stream().map(t -> t.kubectlForm()).toList(),
                raw.has("taints") || defaults.has("taints") ? from.apply("taints") + (p.isGpu() && p.gpuTaint() ? " + GPU taint" : "")
                        : p.isGpu() && p.gpuTaint() ? "GPU taint (Derrick default)" : FROM_DERRICK));
        for (String k : List.of("reservation", "nodes", "nodeSelector", "sharing")) {
            if (raw.has(k) || defaults.has(k)) {
                JsonNode n = raw.has(k) ? raw.get(k) : defaults.get(k);
                m.put(k, new Sourced(JSON.convertValue(n, Object.class), from.apply(k)));
            }
        }
        return m;
    }

    /** The effective config as YAML, each value followed by {@code # from}. */
    public static String yaml(Map<String, Object> doc) {
        var sb = new StringBuilder("config:\n");
        doc.forEach((k, v) -> emit(sb, "  ", k, v));
        return sb.toString();
    }

    private static void emit(StringBuilder sb, String indent, String key, Object v) {
        if (v instanceof Sourced s) {
            sb.append(indent).append(key).append(": ").append(flow(s.value())).append("   # ").append(s.from()).append('\n');
        } else if (v instanceof List<?> list) {
            sb.append(indent).append(key).append(":\n");
            for (Object item : list) {
                boolean first = true;
                for (var e : ((Map<?, ?>) item).entrySet()) {
                    if (e.getValue() instanceof List<?>) {
                        emit(sb, indent + "    ", String.valueOf(e.getKey()), e.getValue());
                        continue;
                    }
                    String line = indent + (first ? "  - " : "    ");
                    var s = (Sourced) e.getValue();
                    sb.append(line).append(e.getKey()).append(": ").append(flow(s.value())).append("   # ").append(s.from()).append('\n');
                    first = false;
                }
            }
        }
    }

    /** A value as YAML flow: plain scalars where safe, JSON (valid YAML flow) otherwise. */
    static String flow(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Number || v instanceof Boolean) {
            return String.valueOf(v);
        }
        if (v instanceof String s && PLAIN.matcher(s).matches() && !NUMBER.matcher(s).matches()
                && !List.of("true", "false", "null", "yes", "no", "on", "off").contains(s.toLowerCase(java.util.Locale.ROOT))) {
            return s;
        }
        try {
            return JSON.writeValueAsString(v);
        } catch (Exception e) {
            return String.valueOf(v);
        }
    }

    /** The effective config for JSON: every value as {@code {"value": ..., "from": ...}}. */
    public static Object json(Object v) {
        if (v instanceof Sourced s) {
            var m = new LinkedHashMap<String, Object>();
            m.put("value", s.value());
            m.put("from", s.from());
            return m;
        }
        if (v instanceof Map<?, ?> map) {
            var m = new LinkedHashMap<String, Object>();
            map.forEach((k, x) -> m.put(String.valueOf(k), json(x)));
            return m;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(EffectiveConfig::json).toList();
        }
        return v;
    }
}
