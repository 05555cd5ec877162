package dev.derrick.kubernetes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.derrick.config.MonitoringSpec;
import dev.derrick.kubernetes.internal.Bundled;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Derrick's GPU alert rules ({@code monitoring/rules}, bundled into the jar at build time) rendered
 * with a stack's values. Each configurable value sits on a line ending in
 * {@code # derrick:param <name>}; only the value on that line is replaced, and the rule that
 * carries {@code nodePools[]} markers is repeated once per GPU pool (monitoring/README.md).
 * The output is still a plain Prometheus rule file, so {@code promtool} and a real Prometheus can
 * load it, and {@link #prometheusRuleSpec} turns it into a prometheus-operator PrometheusRule spec.
 */
public final class GpuAlertRules {
    /** The rule files, in load order; a test checks this is every file in monitoring/rules. */
    public static final List<String> FILES = List.of("gpu-thresholds.rules.yaml", "gpu-alerts.rules.yaml");
    /** The Prometheus job label of dcgm-exporter targets, set by the scrape config's relabelling. */
    public static final String DCGM_EXPORTER_JOB = "dcgm-exporter";

    private static final Pattern MARKER = Pattern.compile("#\\s*derrick:param\\s+(\\S+)\\s*$");
    private static final Pattern VECTOR = Pattern.compile("vector\\(\\d+\\)");
    private static final Pattern POOL_LABEL = Pattern.compile("(pool:\\s*)(\"[^\"]*\"|\\S+)");
    private static final Pattern FOR_MINUTES = Pattern.compile("(for:\\s*)\\d+m");
    private static final Pattern XID_CODES = Pattern.compile("\"(\\d+(\\|\\d+)*)\"");
    private static final Pattern JOB = Pattern.compile("job=\"[^\"]*\"");
    private static final Pattern LIST_ITEM = Pattern.compile("^(\\s*)- ");
    private static final Pattern SAFE_JOB = Pattern.compile("[A-Za-z0-9_.:-]+");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private GpuAlertRules() {
    }

    /**
     * The values substituted into the rule files.
     *
     * @param temperatureCelsius     {@code gpuTemperatureThresholdCelsius}
     * @param memoryUsedPercent      {@code gpuMemoryUsedThresholdPercent}
     * @param idleUtilizationPercent {@code gpuIdleUtilizationThresholdPercent}
     * @param idleMinutes            {@code gpuIdleMinutes}
     * @param pools                  one declared-GPU series per pool; at least one
     * @param dcgmExporterJob        {@code dcgmExporterJob}
     * @param xidCriticalCodes       {@code gpuXidCriticalCodes} as {@code 48|61|...}; null keeps the committed list
     */
    public record Params(int temperatureCelsius, int memoryUsedPercent, int idleUtilizationPercent, int idleMinutes,
                         List<GpuPool> pools, String dcgmExporterJob, String xidCriticalCodes) {
        public Params {
            pools = List.copyOf(pools);
            if (pools.isEmpty()) {
                throw new IllegalArgumentException("GPU alert rules need at least one GPU pool");
            }
            if (!SAFE_JOB.matcher(dcgmExporterJob).matches()) {
                throw new IllegalArgumentException("not a job label value: " + dcgmExporterJob);
            }
            if (xidCriticalCodes != null && !xidCriticalCodes.matches("\\d+(\\|\\d+)*")) {
                throw new IllegalArgumentException("XID codes must look like 48|61|79, not " + xidCriticalCodes);
            }
        }

        /** The thresholds of a stack's monitoring config, the standard job label and the committed XID list. */
        public static Params of(MonitoringSpec spec, List<GpuPool> pools) {
            return new Params(spec.gpuTemperatureThresholdCelsius(), spec.gpuMemoryUsedThresholdPercent(),
                    spec.gpuIdleUtilizationThresholdPercent(), spec.gpuIdleMinutes(), pools, DCGM_EXPORTER_JOB, null);
        }
    }

    /** Every rule file rendered, by file name, in {@link #FILES} order. */
    public static Map<String, String> render(Params params) {
        var out = new LinkedHashMap<String, String>();
        for (String file : FILES) {
            out.put(file, render(file, template(file), params));
        }
        return out;
    }

    /** The committed text of a bundled rule file. */
    public static String template(String file) {
        return Bundled.text("rules/" + file);
    }

    /** {@code text} (the rule file {@code file}) with every marked value replaced. */
    static String render(String file, String text, Params params) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int[] block = poolBlock(file, lines);
        var out = new ArrayList<String>();
        for (int i = 0; i < lines.size(); i++) {
            if (block != null && i == block[0]) {
                for (GpuPool pool : params.pools()) {
                    for (int j = block[0]; j < block[1]; j++) {
                        out.add(substitute(file, j, lines.get(j), params, pool));
                    }
                }
                i = block[1] - 1;
            } else {
                out.add(substitute(file, i, lines.get(i), params, null));
            }
        }
        return String.join("\n", out);
    }

    /** [first, end) of the one list item that carries {@code nodePools[]} markers; null if none. */
    private static int[] poolBlock(String file, List<String> lines) {
        int first = -1;
        int last = -1;
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = MARKER.matcher(lines.get(i));
            if (m.find() && m.group(1).startsWith("nodePools[].")) {
                first = first < 0 ? i : first;
                last = i;
            }
        }
        if (first < 0) {
            return null;
        }
        int start = first;
        while (start >= 0 && !LIST_ITEM.matcher(lines.get(start)).find()) {
            start--;
        }
        if (start < 0) {
            throw new IllegalStateException(file + ": nodePools[] markers are not inside a list item");
        }
        Matcher item = LIST_ITEM.matcher(lines.get(start));
        item.find();
        int indent = item.group(1).length();
        int end = start + 1;
        while (end < lines.size() && (lines.get(end).isBlank() || indentOf(lines.get(end)) > indent)) {
            end++;
        }
        // Trailing blank lines separate items; they stay after the repeated block.
        while (end > start + 1 && lines.get(end - 1).isBlank()) {
            end--;
        }
        if (last >= end) {
            throw new IllegalStateException(file + ": nodePools[] markers span more than one list item (line " + (last + 1) + ")");
        }
        return new int[]{start, end};
    }

    private static int indentOf(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return n;
    }

    private static String substitute(String file, int index, String line, Params p, GpuPool pool) {
        Matcher m = MARKER.matcher(line);
        if (!m.find()) {
            return line;
        }
        String param = m.group(1);
        String where = file + ":" + (index + 1) + " (" + param + ")";
        return switch (param) {
            case "gpuTemperatureThresholdCelsius" -> replaceOne(where, line, VECTOR, "vector(" + p.temperatureCelsius() + ")");
            case "gpuMemoryUsedThresholdPercent" -> replaceOne(where, line, VECTOR, "vector(" + p.memoryUsedPercent() + ")");
            case "gpuIdleUtilizationThresholdPercent" -> replaceOne(where, line, VECTOR, "vector(" + p.idleUtilizationPercent() + ")");
            case "gpuIdleMinutes" -> replaceOne(where, line, FOR_MINUTES, "$1" + p.idleMinutes() + "m");
            case "nodePools[].gpusPerNode" -> replaceOne(where, line, VECTOR, "vector(" + pool.gpusPerNode() + ")");
            // Quoted: a pool called "1" or "yes" must stay a string label value.
            case "nodePools[].name" -> replaceOne(where, line, POOL_LABEL, "$1\"" + pool.name() + "\"");
            case "dcgmExporterJob" -> replaceAll(where, line, JOB, "job=\"" + p.dcgmExporterJob() + "\"");
            case "gpuXidCriticalCodes" -> p.xidCriticalCodes() == null ? line : replaceLast(where, line, XID_CODES, "\"" + p.xidCriticalCodes() + "\"");
            default -> throw new IllegalStateException(where + ": unknown parameter; the renderer and monitoring/README.md must know it");
        };
    }

    /** The line up to its marker comment: only that part is ever rewritten. */
    private static String code(String line) {
        Matcher m = MARKER.matcher(line);
        return m.find() ? line.substring(0, m.start()) : line;
    }

    private static String replaceOne(String where, String line, Pattern pattern, String replacement) {
        String code = code(line);
        Matcher m = pattern.matcher(code);
        if (!m.find()) {
            throw new IllegalStateException(where + ": the marked line no longer holds the value the renderer replaces: " + line.strip());
        }
        int start = m.start();
        if (m.find()) {
            throw new IllegalStateException(where + ": the marked line holds more than one value to replace: " + line.strip());
        }
        Matcher again = pattern.matcher(code);
        again.find(start);
        var sb = new StringBuilder();
        again.appendReplacement(sb, replacement);
        sb.append(line.substring(again.end()));
        return sb.toString();
    }

    private static String replaceAll(String where, String line, Pattern pattern, String replacement) {
        String code = code(line);
        if (!pattern.matcher(code).find()) {
            throw new IllegalStateException(where + ": the marked line no longer holds the value the renderer replaces: " + line.strip());
        }
        return pattern.matcher(code).replaceAll(Matcher.quoteReplacement(replacement)) + line.substring(code.length());
    }

    private static String replaceLast(String where, String line, Pattern pattern, String replacement) {
        String code = code(line);
        Matcher m = pattern.matcher(code);
        int start = -1;
        int end = -1;
        while (m.find()) {
            start = m.start();
            end = m.end();
        }
        if (start < 0) {
            throw new IllegalStateException(where + ": the marked line no longer holds the value the renderer replaces: " + line.strip());
        }
        return line.substring(0, start) + replacement + line.substring(end);
    }

    /** The {@code spec} of a prometheus-operator PrometheusRule holding the groups of a rendered rule file. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> prometheusRuleSpec(String renderedYaml) {
        try {
            Map<String, Object> file = YAML.readValue(renderedYaml, Map.class);
            Object groups = file == null ? null : file.get("groups");
            if (!(groups instanceof List<?>)) {
                throw new IllegalStateException("a rendered rule file has no groups list");
            }
            return Map.of("groups", groups);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a rendered rule file is not YAML: " + e.getOriginalMessage(), e);
        }
    }
}
