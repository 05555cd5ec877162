package dev.derrick.cli.lookup;

import dev.derrick.catalog.Catalog;
import dev.derrick.config.RawConfig;
import dev.derrick.config.StackConfigLoader;
import dev.derrick.config.StackFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** ./derrick config: every effective value says where it came from; secrets never show. */
class EffectiveConfigTest {
    @TempDir
    Path dir;

    private Map<String, Object> effective() throws IOException {
        Files.writeString(dir.resolve("Pulumi.yaml"), "name: derrick\nstackConfigDir: stacks\nconfig:\n  region:\n    type: string\n    default: us-east-1\n");
        Files.createDirectories(dir.resolve("stacks"));
        Files.writeString(dir.resolve("stacks/Pulumi.dev.yaml"), """
                config:
                  derrick:environment: dev
                  derrick:tags: {team: ml}
                  derrick:grafanaAdminPassword:
                    secure: v1:c2VjcmV0LWNhbmFyeQ==
                  derrick:clusters:
                    - name: train
                      target: aws
                      zones: [us-east-1a]
                      nodePoolDefaults: {capacity: spot, diskSizeGb: 300}
                      nodePools:
                        - {name: system, machineType: m6i.xlarge, min: 1, max: 2, capacity: on-demand}
                        - {name: gpu, accelerator: l4, min: 0, max: 2}
                """);
        RawConfig raw = StackFiles.load(dir, "dev");
        return EffectiveConfig.of(raw, StackConfigLoader.load(raw), Catalog.bundled());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> pool(Map<String, Object> doc, int i) {
        var cluster = (Map<String, Object>) ((List<Object>) doc.get("derrick:clusters")).get(0);
        return (Map<String, Object>) ((List<Object>) cluster.get("nodePools")).get(i);
    }

    @Test
    void of_whenPoolAndDefaultsAndProjectSetValues_namesEachSource() throws IOException {
        var doc = effective();

        assertThat(doc.get("derrick:region")).isEqualTo(new EffectiveConfig.Sourced("us-east-1", "Pulumi.yaml"));
        assertThat(doc.get("derrick:environment")).isEqualTo(new EffectiveConfig.Sourced("dev", "stacks/Pulumi.dev.yaml"));
        var system = pool(doc, 0);
        assertThat(system.get("capacity")).as("the pool's own value wins").isEqualTo(new EffectiveConfig.Sourced("on-demand", "pool"));
        assertThat(system.get("diskSizeGb")).isEqualTo(new EffectiveConfig.Sourced(300, "nodePoolDefaults"));
        var gpu = pool(doc, 1);
        assertThat(gpu.get("capacity")).isEqualTo(new EffectiveConfig.Sourced("spot", "nodePoolDefaults"));
        assertThat(gpu.get("machineType")).isEqualTo(new EffectiveConfig.Sourced("g6.xlarge", "catalog pick"));
        assertThat(gpu.get("gpusPerNode")).isEqualTo(new EffectiveConfig.Sourced(1, "catalog pick"));
        assertThat(gpu.get("desired")).isEqualTo(new EffectiveConfig.Sourced(0, "Derrick default"));
        assertThat(gpu.get("taints")).isEqualTo(new EffectiveConfig.Sourced(List.of("nvidia.com/gpu=true:NoSchedule"), "GPU taint (Derrick default)"));
    }

    @Test
    void yaml_whenASecretIsSet_showsItAsSecretAndNeverItsText() throws IOException {
        String yaml = EffectiveConfig.yaml(effective());

        assertThat(yaml).contains("derrick:grafanaAdminPassword: \"[secret]\"   # stacks/Pulumi.dev.yaml")
                .doesNotContain("c2VjcmV0LWNhbmFyeQ").doesNotContain("secret-canary");
        assertThat(yaml).contains("kubernetesVersion: \"1.35\"   # Derrick default").contains("diskSizeGb: 300   # nodePoolDefaults");
    }
}
