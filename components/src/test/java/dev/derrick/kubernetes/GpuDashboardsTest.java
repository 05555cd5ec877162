package dev.derrick.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.derrick.config.MonitoringSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The GPU dashboards and the dcgm-exporter counters they and the rules depend on (field names checked upstream: {@link DcgmExporterFieldsTest}). */
class GpuDashboardsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DCGM_METRIC = Pattern.compile("DCGM_FI_[A-Z0-9_]*[A-Z0-9]");
    private static final Pattern DERRICK_SERIES = Pattern.compile("derrick:[a-z_:]+[a-z_]");

    /** Every PromQL expression of every dashboard: panel targets and variable queries. */
    static Map<String, List<String>> expressions() throws Exception {
        var out = new java.util.LinkedHashMap<String, List<String>>();
        for (var e : GpuDashboards.all().entrySet()) {
            JsonNode d = JSON.readTree(e.getValue());
            var exprs = new ArrayList<String>();
            d.path("panels").forEach(p -> p.path("targets").forEach(t -> exprs.add(t.path("expr").asText())));
            out.put(e.getKey(), exprs);
        }
        return out;
    }

    static Set<String> enabledCounters() {
        var out = new TreeSet<String>();
        DcgmExporterFieldsTest.derrickCounters().forEach(c -> out.add(c.name()));
        return out;
    }

    private static Set<String> matches(Pattern p, String text) {
        var out = new TreeSet<String>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private static Set<String> recordedSeries() throws Exception {
        var rendered = GpuAlertRules.render(GpuAlertRules.Params.of(MonitoringSpec.defaults(), List.of(new GpuPool("gpu", 8))));
        return GpuAlertRulesTest.ruleNames(rendered.values(), "record");
    }

    @Test
    void all_whenLoaded_areDashboardsWithUniqueDerrickUids() throws Exception {
        var uids = new HashSet<String>();
        for (var e : GpuDashboards.all().entrySet()) {
            JsonNode d = JSON.readTree(e.getValue());
            assertThat(d.path("uid").asText()).as("uid of %s", e.getKey()).isEqualTo("derrick-" + e.getKey());
            assertThat(uids.add(d.path("uid").asText())).as("unique uid").isTrue();
            assertThat(d.path("title").asText()).as("title of %s", e.getKey()).startsWith("Derrick / ");
            assertThat(d.path("panels").size()).as("panels of %s", e.getKey()).isGreaterThanOrEqualTo(6);
        }
    }

    @Test
    void all_whenLoaded_showUtilisationMemoryTemperaturePowerAndXidPerPoolAndPerNode() throws Exception {
        for (var e : expressions().entrySet()) {
            String all = String.join("\n", e.getValue());
            assertThat(all).as("%s: utilisation, whole GPUs and MIG instances", e.getKey()).contains("derrick:gpu_utilization_percent");
            assertThat(all).as("%s: memory", e.getKey()).contains("derrick:gpu_fb_used_percent");
            assertThat(all).as("%s: temperature", e.getKey()).contains("DCGM_FI_DEV_GPU_TEMP");
            assertThat(all).as("%s: power", e.getKey()).contains("DCGM_FI_DEV_POWER_USAGE");
            assertThat(all).as("%s: XID errors", e.getKey()).contains("derrick:gpu_xid_last_code");
        }
        assertThat(String.join("\n", expressions().get("gpu-pools"))).as("per pool").contains("by (pool)");
        assertThat(String.join("\n", expressions().get("gpu-nodes"))).as("per node").contains("kubernetes_node=~\"$node\"");
    }

    @Test
    void all_whenShowingUtilisation_neverReadGpuUtilDirectlyBecauseMigInstancesReportItAsZero() throws Exception {
        for (var e : expressions().entrySet()) {
            assertThat(e.getValue()).as("%s: DCGM_FI_DEV_GPU_UTIL is 0 or absent on MIG; use derrick:gpu_utilization_percent", e.getKey())
                    .noneMatch(x -> x.contains("DCGM_FI_DEV_GPU_UTIL"));
        }
    }

    @Test
    void all_whenQueryingDcgmMetrics_useOnlyCountersTheExporterIsConfiguredToExport() throws Exception {
        var used = new TreeSet<String>();
        expressions().values().forEach(list -> list.forEach(x -> used.addAll(matches(DCGM_METRIC, x))));

        assertThat(enabledCounters()).as("enabled counters").containsAll(used);
    }

    @Test
    void all_whenQueryingDerrickSeries_useOnlySeriesTheRulesRecord() throws Exception {
        var used = new TreeSet<String>();
        expressions().values().forEach(list -> list.forEach(x -> used.addAll(matches(DERRICK_SERIES, x))));

        assertThat(recordedSeries()).as("recorded series").containsAll(used);
    }

    @Test
    void counters_whenLoaded_enableEveryDcgmMetricTheRulesUse() throws Exception {
        var yaml = new ObjectMapper(new YAMLFactory());
        var used = new TreeSet<String>();
        for (String file : GpuAlertRules.FILES) {
            yaml.readTree(GpuAlertRules.template(file)).path("groups").forEach(g -> g.path("rules")
                    .forEach(r -> used.addAll(matches(DCGM_METRIC, r.path("expr").asText()))));
        }

        assertThat(used).as("metrics the rules use").contains("DCGM_FI_DEV_ECC_DBE_VOL_TOTAL", "DCGM_FI_DEV_XID_ERRORS",
                "DCGM_FI_DEV_GPU_UTIL", "DCGM_FI_PROF_GR_ENGINE_ACTIVE");
        assertThat(enabledCounters()).as("enabled counters").containsAll(used);
    }
}
