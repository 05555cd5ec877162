package dev.derrick.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import dev.derrick.catalog.Catalog;
import dev.derrick.config.GpuDriver;
import dev.derrick.config.GpuSharing;
import dev.derrick.config.NodePoolSpec;
import dev.derrick.config.SharingMode;
import dev.derrick.plan.Plan;
import dev.derrick.plan.PlannedResource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.derrick.plan.ComponentPlans.plan;
import static dev.derrick.plan.ComponentPlans.resource;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * GpuOperator: the configuration it renders for a MIG pool and a time-slicing pool is what the NVIDIA GPU
 * operator documents, and the chart runs with the values for the node image's driver.
 */
class GpuOperatorTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final NodePoolSpec H100_MIG = gpuPool("h100", "h100-80gb", 8, new GpuSharing(SharingMode.MIG, "1g.10gb", null));
    private static final NodePoolSpec L4_SLICED = gpuPool("l4", "l4", 4, new GpuSharing(SharingMode.TIME_SLICING, null, 4));
    private static final NodePoolSpec A100_WHOLE = gpuPool("a100", "a100-80gb", 8, null);

    static NodePoolSpec gpuPool(String name, String accelerator, int gpus, GpuSharing sharing) {
        return new NodePoolSpec(name, accelerator, gpus, null, 0, 2, null, null, null, null, null, null, null, null, null, null, sharing);
    }

    private static JsonNode yaml(String text) throws Exception {
        return YAML.readTree(text);
    }

    private static Plan planned(GpuDriver driver, List<NodePoolSpec> pools) {
        return plan(ctx -> new GpuOperator("train-gpu-operator",
                new GpuOperatorArgs(Output.of("{\"kind\":\"Config\"}"), driver, pools, Catalog.bundled(), List.of()),
                ComponentResourceOptions.Empty));
    }

    @Test
    void devicePluginConfig_whenTimeSlicingPool_isTheDocumentedTimeSlicingConfig() throws Exception {
        Map<String, String> data = GpuSharingConfig.devicePluginConfigs(List.of(L4_SLICED, A100_WHOLE));

        // docs.nvidia.com/datacenter/cloud-native/gpu-operator/latest/gpu-sharing.html ("Time-Slicing GPUs in Kubernetes",
        // published 2025-09-10): one ConfigMap entry per configuration, selected by the node label nvidia.com/device-plugin.config.
        String documented = """
                version: v1
                flags:
                  migStrategy: none
                sharing:
                  timeSlicing:
                    resources:
                    - name: nvidia.com/gpu
                      replicas: 4
                """;
        assertThat(data).containsOnlyKeys("default", "l4");
        assertThat(yaml(data.get("l4"))).isEqualTo(yaml(documented));
        assertThat(data.get("l4")).isEqualTo("""
                version: v1
                flags:
                  migStrategy: none
                sharing:
                  timeSlicing:
                    resources:
                      - name: nvidia.com/gpu
                        replicas: 4
                """);
        assertThat(yaml(data.get("default"))).isEqualTo(yaml("version: v1\nflags:\n  migStrategy: none\n"));
        assertThat(L4_SLICED.gpuOperatorLabels()).isEqualTo(Map.of("nvidia.com/device-plugin.config", "l4"));
    }

    @Test
    void migConfig_whenMigPool_isTheDocumentedMigPartedConfigWithTheCatalogsInstanceCount() throws Exception {
        String config = GpuSharingConfig.migPartedConfig(List.of(H100_MIG, L4_SLICED), Catalog.bundled());

        // docs.nvidia.com/datacenter/cloud-native/gpu-operator/latest/gpu-operator-mig.html ("Example: Custom MIG Configuration"):
        // config.yaml in mig-parted's format; all-disabled is the MIG manager's default configuration.
        String documented = """
                version: v1
                mig-configs:
                  all-disabled:
                    - devices: all
                      mig-enabled: false
                  all-1g.10gb:
                    - devices: all
                      mig-enabled: true
                      mig-devices:
                        "1g.10gb": 7
                """;
        assertThat(yaml(config)).isEqualTo(yaml(documented));
        assertThat(H100_MIG.gpuOperatorLabels()).isEqualTo(Map.of("nvidia.com/mig.config", "all-1g.10gb", "nvidia.com/device-plugin.config", "h100"));
        // Each MIG instance is one nvidia.com/gpu: every device plugin entry of the cluster uses migStrategy single.
        GpuSharingConfig.devicePluginConfigs(List.of(H100_MIG, L4_SLICED)).values()
                .forEach(c -> assertThat(c).contains("migStrategy: single"));
    }

    @Test
    void migConfig_whenMediaExtensionProfile_namesItAsNvidiasDefaultsDo() {
        var pool = gpuPool("h100", "h100-80gb", 8, new GpuSharing(SharingMode.MIG, "1g.10gb+me", null));

        assertThat(pool.gpuOperatorLabels()).containsEntry("nvidia.com/mig.config", "all-1g.10gb.me");
        assertThat(GpuSharingConfig.migPartedConfig(List.of(pool), Catalog.bundled())).contains("all-1g.10gb.me:").contains("\"1g.10gb+me\": 1");
    }

    @Test
    void operator_whenImageCarriesTheDriver_runsDevicePluginAndMigManagerWithDerricksConfigs() {
        Plan plan = planned(GpuDriver.PREINSTALLED, List.of(H100_MIG, L4_SLICED));
        PlannedResource release = resource(plan, "kubernetes:helm.sh/v3:Release", "train-gpu-operator-release");

        assertThat(release.inputs()).containsEntry("chart", "gpu-operator").containsEntry("version", "v25.10.1")
                .containsEntry("namespace", "gpu-operator");
        assertThat(Plan.get(release.inputs(), "repositoryOpts.repo")).isEqualTo("https://helm.ngc.nvidia.com/nvidia");
        assertThat(Plan.get(release.inputs(), "values.driver.enabled")).as("driver from the node image").isEqualTo(false);
        assertThat(Plan.get(release.inputs(), "values.toolkit.enabled")).as("toolkit from the node image").isEqualTo(false);
        assertThat(Plan.get(release.inputs(), "values.devicePlugin.config")).isEqualTo(Map.of("name", "derrick-device-plugin-config", "default", "default"));
        assertThat(Plan.get(release.inputs(), "values.mig.strategy")).isEqualTo("single");
        assertThat(Plan.get(release.inputs(), "values.migManager"))
                .isEqualTo(Map.of("enabled", true, "config", Map.of("name", "derrick-mig-parted-config", "default", "all-disabled")));
        assertThat(Plan.get(release.inputs(), "values.dcgmExporter.enabled")).as("MonitoringStack runs dcgm-exporter").isEqualTo(false);
        assertThat(release.dependencies()).as("configs before the operator reads them").contains(
                resource(plan, "kubernetes:core/v1:ConfigMap", "train-gpu-operator-device-plugin-config").urn(),
                resource(plan, "kubernetes:core/v1:ConfigMap", "train-gpu-operator-mig-config").urn());
        var configMap = resource(plan, "kubernetes:core/v1:ConfigMap", "train-gpu-operator-device-plugin-config");
        assertThat(Plan.get(configMap.inputs(), "metadata.namespace")).isEqualTo("gpu-operator");
        assertThat(resource(plan, "pulumi:providers:kubernetes", "train-gpu-operator-provider").inputs().get("kubeconfig"))
                .as("kubeconfig stays secret").isEqualTo(PlannedResource.SECRET);
    }

    @Test
    void operator_whenOperatorInstallsTheDriverAndNoMig_enablesDriverAndToolkitAndNoMigManager() {
        Plan plan = planned(GpuDriver.OPERATOR, List.of(A100_WHOLE));
        PlannedResource release = resource(plan, "kubernetes:helm.sh/v3:Release", "train-gpu-operator-release");

        assertThat(Plan.get(release.inputs(), "values.driver.enabled")).isEqualTo(true);
        assertThat(Plan.get(release.inputs(), "values.toolkit.enabled")).isEqualTo(true);
        assertThat(Plan.get(release.inputs(), "values.mig.strategy")).isEqualTo("none");
        assertThat(Plan.get(release.inputs(), "values.migManager")).isEqualTo(Map.of("enabled", false));
        assertThat(plan.named("kubernetes:core/v1:ConfigMap", "train-gpu-operator-mig-config")).as("no MIG config").isEmpty();
        assertThat(A100_WHOLE.gpuOperatorLabels()).as("no sharing, no labels: the default entry applies").isEmpty();
    }
}
