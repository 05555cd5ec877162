package dev.derrick.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.derrick.charts.Charts;
import dev.derrick.charts.PinnedChart;
import dev.derrick.plan.PlannedResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every chart version Derrick pins has its upstream sources vendored (charts/vendor/<name>-<version>, with a SOURCE
 * naming repository, tag and commit), so a version that was never released cannot be pinned (kube-prometheus-stack
 * 81.4.5 was: its tags go 81.4.3 -> 81.5.0).
 */
class VendoredChartsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static List<PinnedChart> charts() {
        return Charts.all();
    }

    @ParameterizedTest
    @MethodSource("charts")
    void pinnedChart_hasItsVendoredSourcesAtThatVersion(PinnedChart chart) throws IOException {
        Path dir = Project.root().resolve(chart.vendoredDir());
        assertThat(dir).as("vendored sources of %s %s (vendor the release first: charts/vendor/README.md)", chart.name(), chart.version())
                .isDirectory();
        String source = Files.readString(dir.resolve("SOURCE"));
        assertThat(source).contains("chart: " + chart.name() + " " + chart.version())
                .containsPattern("(?m)^repository: https://github\\.com/\\S+$")
                .containsPattern("(?m)^tag: \\S+$")
                .containsPattern("(?m)^commit: [0-9a-f]{40}$");
        JsonNode meta = YAML.readTree(dir.resolve(chart.name()).resolve("Chart.yaml").toFile());
        assertThat(meta.path("name").asText()).isEqualTo(chart.name());
        String version = meta.path("version").asText();
        if (!version.equals(chart.version())) {
            // Some publishers stamp the version when they package (gpu-operator's tag says v1.0.0-devel).
            assertThat(source).as("%s: Chart.yaml says %s; SOURCE must say how it is packaged", chart.name(), version)
                    .contains("packaged as: " + chart.version());
        }
    }

    @Test
    void everyReleaseOfEveryStack_namesAPinnedChart() {
        for (String stack : StackPlansTest.stacks()) {
            for (PlannedResource release : RealHelm.releases(StackPlansTest.plan(stack))) {
                String chart = (String) release.inputs().get("chart");
                String version = (String) release.inputs().get("version");
                assertThat(Charts.all()).as("%s: %s", stack, release.urn())
                        .anyMatch(c -> (c.name().equals(chart) || chart.equals(c.upstreamRepo() + "/" + c.name())) && c.version().equals(version));
            }
        }
    }
}
