package dev.derrick.kubernetes;

import dev.derrick.kubernetes.internal.Bundled;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every DCGM field Derrick names (in monitoring/rules, the GPU dashboards and dcgm-counters.csv) is a
 * field of the dcgm-exporter release Derrick targets, checked against that release's own counter
 * lists: {@code etc/default-counters.csv} and {@code etc/dcp-metrics-included.csv} of
 * NVIDIA/dcgm-exporter at tag 4.5.3-4.8.2, vendored verbatim under
 * {@code src/test/resources/dcgm-exporter-4.8.2} (repository, commit and date in its SOURCE file).
 * A field counts as known when those lists name it, enabled or commented out: the ECC totals Derrick
 * switches on are commented out upstream.
 */
class DcgmExporterFieldsTest {
    static final String UPSTREAM_DIR = "/dcgm-exporter-4.8.2/";
    static final List<String> UPSTREAM_FILES = List.of("default-counters.csv", "dcp-metrics-included.csv");

    /** A field name wherever it appears; a trailing {@code _} (as in a wildcard {@code DCGM_FI_DEV_*}) is kept, so it fails. */
    private static final Pattern FIELD_NAME = Pattern.compile("DCGM_FI_[A-Z0-9_]+");
    /** An upstream counter line, enabled or commented out: {@code [# ]FIELD , type , help}. */
    private static final Pattern UPSTREAM_LINE = Pattern.compile("^(#?)\\s*(DCGM_FI_[A-Z0-9_]+)\\s*,\\s*([a-z]+)\\s*,(.*)$");
    /**
     * The Prometheus types the exporter accepts (internal/pkg/counters/variables.go, promMetricType, tag
     * 4.5.3-4.8.2); any other type makes it refuse the whole file.
     */
    private static final Set<String> EXPORTER_TYPES = Set.of("gauge", "counter", "histogram", "summary", "label");

    /** One upstream counter line. */
    record UpstreamField(String name, String type, String help, boolean enabled, String file) {
    }

    /** One record of a counters file as the exporter reads it: field name, Prometheus type, help. */
    record Counter(String name, String type, String help) {
    }

    static String upstream(String file) {
        try (InputStream in = DcgmExporterFieldsTest.class.getResourceAsStream(UPSTREAM_DIR + file)) {
            assertThat(in).as("vendored %s%s", UPSTREAM_DIR, file).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every field line of both upstream lists, enabled and commented out, in file order. */
    static List<UpstreamField> upstreamFields() {
        var out = new ArrayList<UpstreamField>();
        for (String file : UPSTREAM_FILES) {
            for (String line : upstream(file).split("\n")) {
                Matcher m = UPSTREAM_LINE.matcher(line);
                if (m.find()) {
                    out.add(new UpstreamField(m.group(2), m.group(3), m.group(4).strip(), m.group(1).isEmpty(), file));
                }
            }
        }
        return out;
    }

    /** Every field name the upstream lists know (enabled or commented out). */
    static Set<String> knownFields() {
        var out = new TreeSet<String>();
        upstreamFields().forEach(f -> out.add(f.name()));
        return out;
    }

    /** Field name to Prometheus type for every field an upstream list enables (not commented out). */
    static Map<String, String> upstreamEnabledTypes() {
        var out = new TreeMap<String, String>();
        upstreamFields().stream().filter(UpstreamField::enabled).forEach(f -> out.put(f.name(), f.type()));
        return out;
    }

    /**
     * A counters file read the way dcgm-exporter 4.5.3-4.8.2 reads it
     * (internal/pkg/counters/counter_config.go: ReadCSVFile and ExtractCounters): Go's encoding/csv
     * with {@code Comment = '#'} (a line starting with {@code #} is skipped, blank lines too), every
     * record exactly three fields, each trimmed of spaces, and a known Prometheus type. Anything else
     * fails here, where the exporter would refuse to start.
     */
    static List<Counter> exporterRecords(String where, String csv) {
        var out = new ArrayList<Counter>();
        String[] lines = csv.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            assertThat(line).as("%s:%d: no quotes (encoding/csv would parse them)", where, i + 1).doesNotContain("\"");
            String[] fields = line.split(",", -1);
            assertThat(fields).as("%s:%d: exactly 3 fields (field, type, help): %s", where, i + 1, line).hasSize(3);
            String name = fields[0].strip();
            String type = fields[1].strip();
            assertThat(name).as("%s:%d: a field name", where, i + 1).matches("DCGM_[A-Z0-9_]+");
            assertThat(EXPORTER_TYPES).as("%s:%d: Prometheus type %s", where, i + 1, type).contains(type);
            out.add(new Counter(name, type, fields[2].strip()));
        }
        return out;
    }

    /** Derrick's counters file (the one MonitoringStack mounts into the exporter), as the exporter reads it. */
    static List<Counter> derrickCounters() {
        return exporterRecords("dcgm-counters.csv", Bundled.text("dcgm-counters.csv"));
    }

    /** Every {@code DCGM_FI_*} name in {@code text} that the upstream lists do not know. */
    static Set<String> unknownFields(String text) {
        Set<String> known = knownFields();
        var out = new TreeSet<String>();
        Matcher m = FIELD_NAME.matcher(text);
        while (m.find()) {
            if (!known.contains(m.group())) {
                out.add(m.group());
            }
        }
        return out;
    }

    /** Each place Derrick names DCGM fields, by a readable name, with its whole text. */
    static Map<String, String> derrickTexts() {
        var out = new LinkedHashMap<String, String>();
        GpuAlertRules.FILES.forEach(f -> out.put("monitoring/rules/" + f, GpuAlertRules.template(f)));
        GpuDashboards.all().forEach((id, json) -> out.put("dashboards/" + id + ".json", json));
        out.put("dcgm-counters.csv", Bundled.text("dcgm-counters.csv"));
        return out;
    }

    @Test
    void upstreamLists_whenVendored_carryTheirSourceAndTheFieldsTheRulesRelyOn() {
        String source = upstream("SOURCE");
        assertThat(source).contains("https://github.com/NVIDIA/dcgm-exporter").contains("4.5.3-4.8.2")
                .contains("691c92762eb551313c825f6efe4ceeee20982801").contains("vendored 2026-12-04 verbatim");

        // The parser reads both files (a parser that found nothing would make every name "unknown",
        // one that found everything would make the check vacuous).
        assertThat(upstreamFields()).extracting(UpstreamField::file).containsAll(UPSTREAM_FILES);
        assertThat(upstreamEnabledTypes()).containsEntry("DCGM_FI_DEV_GPU_UTIL", "gauge")
                .containsEntry("DCGM_FI_PROF_GR_ENGINE_ACTIVE", "gauge").containsEntry("DCGM_FI_DEV_XID_ERRORS", "gauge")
                .doesNotContainKey("DCGM_FI_DEV_ECC_DBE_VOL_TOTAL");
        assertThat(knownFields()).contains("DCGM_FI_DEV_ECC_DBE_VOL_TOTAL").doesNotContain("DCGM_FI_DEV_GPU_TEMP_CELSIUS");
    }

    @Test
    void unknownFields_whenATextNamesAFieldTheExporterDoesNotHave_reportsIt() {
        String text = "max by (pool) (DCGM_FI_DEV_GPU_UTILIZATION) or DCGM_FI_DEV_GPU_UTIL or DCGM_FI_DEV_*";

        assertThat(unknownFields(text)).containsExactly("DCGM_FI_DEV_", "DCGM_FI_DEV_GPU_UTILIZATION");
    }

    @Test
    void rulesDashboardsAndCounters_whenNamingDcgmFields_nameOnlyFieldsOfThePinnedExporter() {
        var unknown = new LinkedHashMap<String, Set<String>>();
        derrickTexts().forEach((where, text) -> {
            Set<String> bad = unknownFields(text);
            if (!bad.isEmpty()) {
                unknown.put(where, bad);
            }
        });

        assertThat(unknown).as("DCGM fields not in dcgm-exporter 4.5.3-4.8.2 etc/default-counters.csv or "
                + "etc/dcp-metrics-included.csv (src/test/resources/dcgm-exporter-4.8.2)").isEmpty();
        assertThat(String.join("\n", derrickTexts().values())).as("the texts searched do name fields")
                .contains("DCGM_FI_PROF_GR_ENGINE_ACTIVE").contains("DCGM_FI_DEV_GPU_UTIL");
    }

    @Test
    void counters_whenReadLikeTheExporter_areThreeFieldRecordsWithAKnownType() {
        assertThat(derrickCounters()).extracting(Counter::name)
                .contains("DCGM_FI_DEV_GPU_UTIL", "DCGM_FI_PROF_GR_ENGINE_ACTIVE").doesNotHaveDuplicates();
    }

    @Test
    void counters_whenLoaded_copyTypeAndHelpOfTheLineInTheExportersDefaultList() {
        // The line dcgm-counters.csv replaces: default-counters.csv, its enabled line if it has one
        // (DCGM_FI_PROF_PCIE_TX_BYTES is there twice: commented out as an NVML counter, enabled as a gauge).
        var lines = new TreeMap<String, UpstreamField>();
        upstreamFields().stream().filter(f -> f.file().equals("default-counters.csv"))
                .forEach(f -> lines.merge(f.name(), f, (a, b) -> a.enabled() ? a : b));
        var mismatched = new TreeMap<String, String>();
        for (Counter c : derrickCounters()) {
            UpstreamField want = lines.get(c.name());
            if (want == null || !want.type().equals(c.type()) || !want.help().equals(c.help())) {
                mismatched.put(c.name(), c.type() + ", " + c.help() + "  (upstream: "
                        + (want == null ? "no line" : want.type() + ", " + want.help()) + ")");
            }
        }

        assertThat(mismatched).as("dcgm-counters.csv vs dcgm-exporter 4.5.3-4.8.2 etc/default-counters.csv").isEmpty();
    }

    @Test
    void counters_whenEnablingAFieldTheExporterLeavesOff_areOnlyTheVolatileEccTotals() {
        Set<String> enabledUpstream = upstreamEnabledTypes().keySet();
        var extra = new TreeSet<String>();
        derrickCounters().stream().map(Counter::name).filter(n -> !enabledUpstream.contains(n)).forEach(extra::add);

        // GpuEccDoubleBitErrors needs the DBE total, commented out upstream (monitoring/README.md).
        assertThat(extra).containsExactly("DCGM_FI_DEV_ECC_DBE_VOL_TOTAL", "DCGM_FI_DEV_ECC_SBE_VOL_TOTAL");
    }

    @Test
    void counters_whenLoaded_enableTheMigUtilisationField() {
        // On MIG instances DCGM_FI_DEV_GPU_UTIL is 0 or absent; derrick:gpu_utilization_percent reads this field there.
        assertThat(derrickCounters()).filteredOn(c -> c.name().equals("DCGM_FI_PROF_GR_ENGINE_ACTIVE"))
                .extracting(Counter::type).containsExactly("gauge");
    }
}
