package dev.derrick.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The rendered rule files (non-default thresholds, two pools) loaded by a real Prometheus (Debian's
 * /usr/bin/prometheus) on 127.0.0.1, a free port and a temporary storage directory, then read back
 * through its HTTP API: every alert is loaded, with the thresholds from config.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LivePrometheusRulesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Path dir;
    private Process prometheus;
    private String base;
    private Map<String, String> rendered;

    @BeforeAll
    void startPrometheus() throws Exception {
        Path binary = LocalTools.require("prometheus");
        dir = Files.createTempDirectory("derrick-prometheus-");
        rendered = GpuAlertRulesTest.rendered();
        Path rules = Files.createDirectories(dir.resolve("rules"));
        for (var e : rendered.entrySet()) {
            Files.writeString(rules.resolve(e.getKey()), e.getValue());
        }
        Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  evaluation_interval: 1s
                rule_files:
                  - rules/*.rules.yaml
                """);
        int port = freePort();
        base = "http://127.0.0.1:" + port;
        prometheus = new ProcessBuilder(binary.toString(),
                "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn")
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("prometheus.log").toFile())
                .start();
        await("Prometheus ready at " + base, () -> get("/-/ready").statusCode() == 200);
    }

    @AfterAll
    void stopPrometheus() throws Exception {
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(5)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode api(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("status").asText()).as("status of %s", path).isEqualTo("success");
        return body.path("data");
    }

    interface Check {
        boolean ok() throws Exception;
    }

    private void await(String what, Check check) throws Exception {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (!prometheus.isAlive()) {
                fail("Prometheus exited with %d before %s:%n%s", prometheus.exitValue(), what, log());
            }
            try {
                if (check.ok()) {
                    return;
                }
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(250);
        }
        fail("timed out waiting for %s (last error: %s):%n%s", what, last, log());
    }

    private String log() throws IOException {
        Path log = dir.resolve("prometheus.log");
        return Files.exists(log) ? Files.readString(log) : "(no log)";
    }

    /** Every rule Prometheus loaded, alerting and recording, as JSON objects. */
    private List<JsonNode> loadedRules() throws Exception {
        var out = new ArrayList<JsonNode>();
        for (JsonNode group : api("/api/v1/rules").path("groups")) {
            group.path("rules").forEach(out::add);
        }
        return out;
    }

    private List<JsonNode> rules(Predicate<JsonNode> which) throws Exception {
        return loadedRules().stream().filter(which).toList();
    }

    private JsonNode query(String promql) throws Exception {
        return api("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).path("result");
    }

    private Set<String> alertNamesInRenderedFiles() throws IOException {
        return GpuAlertRulesTest.ruleNames(rendered.values(), "alert");
    }

    @Test
    void rulesApi_afterLoadingRenderedFiles_listsEveryAlert() throws Exception {
        var loaded = new TreeSet<String>();
        rules(r -> r.path("type").asText().equals("alerting")).forEach(r -> loaded.add(r.path("name").asText()));

        assertThat(alertNamesInRenderedFiles()).as("alerts in the rendered files").containsExactlyInAnyOrder(
                "GpuXidErrors", "GpuEccDoubleBitErrors", "GpuTemperatureHigh", "GpuMemoryNearFull",
                "NodeGpuCountBelowDeclared", "DcgmExporterDown", "GpuIdle", "DerrickGpuThresholdsMissing");
        assertThat(loaded).as("alerts Prometheus loaded").isEqualTo(alertNamesInRenderedFiles());
        assertThat(rules(r -> r.path("health").asText().equals("err"))).as("rules Prometheus failed to evaluate").isEmpty();
    }

    @Test
    void rulesApi_afterLoadingRenderedFiles_hasTheConfiguredThresholdsAndIdleWindow() throws Exception {
        var byName = new HashMap<String, String>();
        rules(r -> r.path("type").asText().equals("recording")).forEach(r -> byName.put(r.path("name").asText(), r.path("query").asText()));
        List<JsonNode> idle = rules(r -> r.path("name").asText().equals("GpuIdle"));

        assertThat(byName).containsEntry("derrick:gpu_temperature_threshold_celsius", "vector(78)")
                .containsEntry("derrick:gpu_memory_used_threshold_percent", "vector(90)")
                .containsEntry("derrick:gpu_idle_utilization_threshold_percent", "vector(12)");
        assertThat(idle).as("GpuIdle rules").hasSize(1);
        assertThat(idle.get(0).path("duration").asLong()).as("GpuIdle for, in seconds").isEqualTo(45 * 60);
        assertThat(rules(r -> r.path("name").asText().equals("DcgmExporterDown")))
                .extracting(r -> r.path("query").asText()).allMatch(q -> q.contains("job=\"" + GpuAlertRules.DCGM_EXPORTER_JOB + "\""));
    }

    @Test
    void queryApi_afterEvaluation_returnsTheThresholdValuesAndOneDeclaredSeriesPerPool() throws Exception {
        await("threshold series evaluated", () -> query("derrick:gpu_temperature_threshold_celsius").size() == 1
                && query("derrick:pool_gpus_per_node_declared").size() == 2);

        assertThat(query("derrick:gpu_temperature_threshold_celsius").get(0).path("value").get(1).asText()).isEqualTo("78");
        assertThat(query("derrick:gpu_memory_used_threshold_percent").get(0).path("value").get(1).asText()).isEqualTo("90");
        assertThat(query("derrick:gpu_idle_utilization_threshold_percent").get(0).path("value").get(1).asText()).isEqualTo("12");
        var declared = new HashMap<String, String>();
        query("derrick:pool_gpus_per_node_declared").forEach(s -> declared.put(s.path("metric").path("pool").asText(), s.path("value").get(1).asText()));
        assertThat(declared).isEqualTo(Map.of("h100", "8", "l4", "4"));
    }

    @Test
    void rulesApi_whenThresholdsLoadedWithTheAlerts_thresholdsMissingSettlesInactive() throws Exception {
        // Groups evaluate independently: the meta group may see the first tick before the threshold
        // series exist (pending), and must settle to inactive once they do.
        await("DerrickGpuThresholdsMissing inactive", () -> rules(r -> r.path("name").asText().equals("DerrickGpuThresholdsMissing"))
                .stream().allMatch(r -> r.path("state").asText().equals("inactive")));

        assertThat(query("ALERTS{alertname=\"DerrickGpuThresholdsMissing\"}")).as("DerrickGpuThresholdsMissing pending or firing").isEmpty();
    }

    @Test
    void queryApi_whenGivenEveryDashboardExpression_parsesEachOne() throws Exception {
        for (var dashboard : GpuDashboardsTest.expressions().entrySet()) {
            for (String expr : dashboard.getValue()) {
                String promql = expr.replace("$pool", ".*").replace("$node", ".*");
                HttpResponse<String> r = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
                assertThat(r.statusCode()).as("%s: %s -> %s", dashboard.getKey(), expr, r.body()).isEqualTo(200);
            }
        }
    }
}
