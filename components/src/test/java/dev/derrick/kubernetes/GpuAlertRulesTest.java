package dev.derrick.kubernetes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.derrick.config.MonitoringSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The renderer of monitoring/rules: values substituted on marked lines only, one declared series per pool, promtool-valid. */
class GpuAlertRulesTest {
    /** Non-default everything: a renderer that ignored a value would leave the committed default in place. */
    static final MonitoringSpec CUSTOM = new MonitoringSpec(true, "3d", null, 45, 78, 90, 12);
    static final List<GpuPool> POOLS = List.of(new GpuPool("h100", 8), new GpuPool("l4", 4));

    @TempDir
    Path dir;

    static Map<String, String> rendered() {
        return GpuAlertRules.render(GpuAlertRules.Params.of(CUSTOM, POOLS));
    }

    /** The values of {@code field} ({@code alert} or {@code record}) of every rule in rule-file texts, read as YAML. */
    static Set<String> ruleNames(Collection<String> ruleFiles, String field) throws IOException {
        var yaml = new ObjectMapper(new YAMLFactory());
        var names = new TreeSet<String>();
        for (String text : ruleFiles) {
            yaml.readTree(text).path("groups").forEach(g -> g.path("rules").forEach(r -> {
                if (r.has(field)) {
                    names.add(r.path(field).asText());
                }
            }));
        }
        return names;
    }

    @Test
    void files_whenListed_areExactlyTheRuleFilesInMonitoringRules() throws IOException {
        Path rules = Path.of(System.getProperty("derrick.projectDir", "..")).resolve("monitoring/rules");
        try (Stream<Path> files = Files.list(rules)) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".yaml") || n.endsWith(".yml")))
                    .as("rule files in %s", rules).containsExactlyInAnyOrderElementsOf(GpuAlertRules.FILES);
        }
    }

    @Test
    void template_whenRead_isTheCommittedFileNotACopy() throws IOException {
        Path rules = Path.of(System.getProperty("derrick.projectDir", "..")).resolve("monitoring/rules");
        for (String file : GpuAlertRules.FILES) {
            assertThat(GpuAlertRules.template(file)).as(file).isEqualTo(Files.readString(rules.resolve(file)));
        }
    }

    @Test
    void render_whenThresholdsAreNotDefault_writesThemIntoTheThresholdSeries() {
        String thresholds = rendered().get("gpu-thresholds.rules.yaml");

        assertThat(thresholds).contains("expr: vector(78)  # derrick:param gpuTemperatureThresholdCelsius")
                .contains("expr: vector(90)  # derrick:param gpuMemoryUsedThresholdPercent")
                .contains("expr: vector(12)  # derrick:param gpuIdleUtilizationThresholdPercent")
                .doesNotContain("vector(85)").doesNotContain("vector(95)").doesNotContain("vector(5)");
    }

    @Test
    void render_whenTwoPools_emitsOneDeclaredSeriesPerPool() {
        String thresholds = rendered().get("gpu-thresholds.rules.yaml");

        assertThat(thresholds.split("record: derrick:pool_gpus_per_node_declared", -1)).as("declared-series rules").hasSize(3);
        assertThat(thresholds).contains("pool: \"h100\"  # derrick:param nodePools[].name")
                .contains("pool: \"l4\"  # derrick:param nodePools[].name")
                .contains("expr: vector(8)  # derrick:param nodePools[].gpusPerNode")
                .contains("expr: vector(4)  # derrick:param nodePools[].gpusPerNode")
                .doesNotContain("pool: gpu");
        @SuppressWarnings("unchecked")
        var groups = (List<Map<String, Object>>) GpuAlertRules.prometheusRuleSpec(thresholds).get("groups");
        @SuppressWarnings("unchecked")
        var declared = (List<Map<String, Object>>) groups.get(1).get("rules");
        assertThat(declared).extracting(r -> r.get("labels")).containsExactly(Map.of("pool", "h100"), Map.of("pool", "l4"));
        assertThat(declared).extracting(r -> r.get("expr")).containsExactly("vector(8)", "vector(4)");
    }

    @Test
    void render_whenIdleMinutesSet_changesOnlyTheGpuIdleWindow() {
        String alerts = rendered().get("gpu-alerts.rules.yaml");
        String committed = GpuAlertRules.template("gpu-alerts.rules.yaml");

        assertThat(alerts).contains("for: 45m  # derrick:param gpuIdleMinutes");
        assertThat(alerts.replace("for: 45m  # derrick:param gpuIdleMinutes", "for: 60m  # derrick:param gpuIdleMinutes"))
                .as("every other line is the committed file").isEqualTo(committed);
    }

    @Test
    void render_whenJobAndXidCodesGiven_rewritesBothJobLinesAndTheCodeList() {
        var params = new GpuAlertRules.Params(85, 95, 5, 60, POOLS, "gpu-metrics", "48|79");
        String alerts = GpuAlertRules.render(params).get("gpu-alerts.rules.yaml");

        assertThat(alerts).contains("up{job=\"gpu-metrics\"} == 0").contains("unless on (kubernetes_node) up{job=\"gpu-metrics\"}")
                .doesNotContain("job=\"dcgm-exporter\"").contains("\"xid_class\", \"critical\", \"xid\", \"48|79\")");
    }

    @Test
    void render_whenDefaultsAndTheCommittedPool_reproducesTheCommittedFiles() {
        var params = new GpuAlertRules.Params(85, 95, 5, 60, List.of(new GpuPool("gpu", 8)), "dcgm-exporter", null);
        var out = GpuAlertRules.render(params);

        assertThat(out.get("gpu-alerts.rules.yaml")).isEqualTo(GpuAlertRules.template("gpu-alerts.rules.yaml"));
        assertThat(out.get("gpu-thresholds.rules.yaml"))
                .isEqualTo(GpuAlertRules.template("gpu-thresholds.rules.yaml").replace("pool: gpu", "pool: \"gpu\""));
    }

    @Test
    void render_whenNoGpuPool_isRefused() {
        assertThatThrownBy(() -> GpuAlertRules.Params.of(MonitoringSpec.defaults(), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one GPU pool");
    }

    @Test
    void render_whenAMarkerNamesAnUnknownParameter_failsNamingFileLineAndParameter() {
        String text = "groups:\n  - name: g\n    rules:\n      - record: x\n        expr: vector(1)  # derrick:param gpuFanSpeed\n";

        assertThatThrownBy(() -> GpuAlertRules.render("t.rules.yaml", text, GpuAlertRules.Params.of(CUSTOM, POOLS)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("t.rules.yaml:5 (gpuFanSpeed)").hasMessageContaining("unknown parameter");
    }

    @Test
    void render_whenAMarkedLineLostItsValue_failsInsteadOfSilentlyKeepingIt() {
        String text = "groups:\n  - name: g\n    rules:\n      - record: x\n        expr: scalar(1)  # derrick:param gpuTemperatureThresholdCelsius\n";

        assertThatThrownBy(() -> GpuAlertRules.render("t.rules.yaml", text, GpuAlertRules.Params.of(CUSTOM, POOLS)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no longer holds the value");
    }

    @Test
    void render_whenThresholdsAreNotDefault_passesPromtoolCheckRules() throws Exception {
        Path promtool = LocalTools.require("promtool");
        var files = new ArrayList<String>();
        for (var e : rendered().entrySet()) {
            Path f = dir.resolve(e.getKey());
            Files.writeString(f, e.getValue());
            files.add(f.toString());
        }
        var cmd = new ArrayList<>(List.of(promtool.toString(), "check", "rules", "--lint=all", "--lint-fatal"));
        cmd.addAll(files);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(p.exitValue()).as("promtool check rules exit code; output:%n%s", out).isZero();
        assertThat(out).contains("SUCCESS");
    }
}
