package dev.derrick.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.derrick.charts.Charts;
import dev.derrick.charts.PinnedChart;
import dev.derrick.plan.Plan;
import dev.derrick.plan.PlannedResource;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Real Helm (built by realengine/build at the version realengine/versions pins; scripts/test puts it on
 * DERRICK_REALENGINE_BIN) rendering the vendored charts of charts/vendor with the values a plan passes.
 */
final class RealHelm {
    static final String RELEASE_TYPE = "kubernetes:helm.sh/v3:Release";
    /** The Kubernetes version charts are rendered for (their kubeVersion constraints are checked against it). */
    static final String KUBE_VERSION = "v1.37.2";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private RealHelm() {
    }

    /** The helm binary, or the test is skipped (failed under DERRICK_REQUIRE_EMULATORS=1). */
    static Path helm() {
        String bins = System.getenv("DERRICK_REALENGINE_BIN");
        if (bins != null) {
            for (String dir : bins.split(":")) {
                Path p = Path.of(dir, "helm");
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        String why = "real Helm: DERRICK_REALENGINE_BIN does not name a folder with helm (build it with realengine/build helm)";
        if (Emulators.required()) {
            fail(why + "; DERRICK_REQUIRE_EMULATORS=1 makes it a failure");
        }
        Assumptions.abort(why);
        return null;
    }

    /** The vendored chart directory of a pinned chart. */
    static Path chartDir(PinnedChart chart) {
        return Project.root().resolve(chart.vendoredDir()).resolve(chart.name());
    }

    /** The pinned chart a release names, by chart name or (charts published to an OCI registry) full {@code oci://} reference. */
    static PinnedChart pinned(String chartRef, String version) {
        String name = chartRef.startsWith("oci://") ? chartRef.substring(chartRef.lastIndexOf('/') + 1) : chartRef;
        return Charts.all().stream().filter(c -> c.name().equals(name) && c.version().equals(version)).findFirst()
                .orElseThrow(() -> new AssertionError("release of chart " + name + " " + version + " is not in Charts.all()"));
    }

    /** A planned Helm release rendered with its values: the objects it would create (hooks included). */
    record Rendered(PlannedResource release, List<JsonNode> objects) {
        List<JsonNode> ofKind(String kind) {
            return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
        }

        JsonNode one(String kind, String name) {
            return objects.stream().filter(o -> kind.equals(o.path("kind").asText()) && name.equals(o.path("metadata").path("name").asText()))
                    .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + names()));
        }

        List<String> names() {
            return objects.stream().map(o -> o.path("kind").asText() + "/" + o.path("metadata").path("name").asText()).toList();
        }
    }

    static List<PlannedResource> releases(Plan plan) {
        return plan.ofType(RELEASE_TYPE);
    }

    /** {@code release} with other chart values in place of the plan's (to render the chart's own defaults, say). */
    static PlannedResource withValues(PlannedResource release, Map<String, Object> values) {
        var inputs = new java.util.LinkedHashMap<String, Object>(release.inputs());
        inputs.put("values", values);
        return new PlannedResource(release.urn(), release.type(), release.name(), release.parent(), release.custom(), release.provider(), inputs,
                release.protect(), release.retainOnDelete(), release.dependencies(), release.aliases());
    }

    @SuppressWarnings("unchecked")
    static Rendered render(PlannedResource release) throws IOException, InterruptedException {
        Map<String, Object> in = release.inputs();
        PinnedChart chart = pinned((String) in.get("chart"), (String) in.get("version"));
        Object values = in.getOrDefault("values", Map.of());
        String text = JSON.writeValueAsString(values);
        if (text.contains(PlannedResource.UNKNOWN) || text.contains(PlannedResource.SECRET)) {
            throw new AssertionError(release.urn() + ": values hold unknown or secret parts; a render test cannot use them: " + text);
        }
        String key = String.join("\u0000", chart.name(), chart.version(), (String) in.get("name"), (String) in.get("namespace"),
                String.valueOf(in.get("skipCrds")), text);
        // One `helm template` per distinct release in a JVM: ChartRenderTest and ServerDryRunTest render the same
        // releases of the same plans. The text is kept, not the objects, so each caller parses its own copy.
        String out = RENDERED.get(key);
        if (out == null) {
            out = helmTemplate(chart, in, text);
            RENDERED.putIfAbsent(key, out);
        }
        return new Rendered(release, parse(out));
    }

    private static final Map<String, String> RENDERED = new java.util.concurrent.ConcurrentHashMap<>();

    private static String helmTemplate(PinnedChart chart, Map<String, Object> in, String text) throws IOException, InterruptedException {
        Path tmp = Files.createTempFile("derrick-values-", ".json");
        try {
            Files.writeString(tmp, text);
            var cmd = new ArrayList<>(List.of(helm().toString(), "template", (String) in.get("name"), chartDir(chart).toString(),
                    "--namespace", (String) in.get("namespace"), "--values", tmp.toString(), "--kube-version", KUBE_VERSION,
                    "--api-versions", "monitoring.coreos.com/v1"));
            if (!Boolean.TRUE.equals(in.get("skipCrds"))) {
                cmd.add("--include-crds"); // a release with skipCrds installs none of the chart's crds/ folder
            }
            Path err = Files.createTempFile("derrick-helm-", ".err");
            try {
                // stderr to a file: a chart's warnings cannot fill a pipe nobody reads while stdout is read
                var p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
                var out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new AssertionError("helm template " + chart.name() + " " + chart.version() + " failed: " + Files.readString(err));
                }
                return out;
            } finally {
                Files.deleteIfExists(err);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static List<JsonNode> parse(String multiDoc) throws IOException {
        var out = new ArrayList<JsonNode>();
        try (YAMLParser parser = new YAMLFactory().createParser(multiDoc)) {
            var it = YAML.readValues(parser, JsonNode.class);
            while (it.hasNextValue()) {
                JsonNode n = it.nextValue();
                if (n != null && !n.isNull() && n.has("kind")) {
                    out.add(n);
                }
            }
        }
        return out;
    }
}
