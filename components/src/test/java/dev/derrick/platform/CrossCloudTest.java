package dev.derrick.platform;

import dev.derrick.config.ConfigError;
import dev.derrick.config.ConfigException;
import dev.derrick.config.RawConfig;
import dev.derrick.config.StackConfigLoader;
import dev.derrick.config.TestStacks;
import dev.derrick.plan.Plan;
import dev.derrick.plan.PlannedResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One accelerator-first pool, compiled by the real program to each cloud; and one stack spanning all three. */
class CrossCloudTest {
    @TempDir
    Path dir;

    /** A one-cluster stack on {@code target} with a system pool and one GPU pool of {@code accelerator} x {@code gpus}. */
    private static String stack(String target, String region, String zone, String systemType, String accelerator, int gpus) {
        return TestStacks.oneGpuCluster(target, region, zone, systemType,
                "accelerator: %s, gpusPerNode: %d, min: 0, max: 2".formatted(accelerator, gpus), "", "");
    }

    private Plan plan(String yaml) {
        return TestStacks.plan(dir, yaml);
    }

    /** The machine type input of the GPU pool's cloud resource, wherever the cloud keeps it. */
    private static Object machineType(Plan plan) {
        for (PlannedResource r : plan.resources()) {
            switch (r.type()) {
                case "kubernetes:karpenter.sh/v1:NodePool" -> {
                    // EKS GPU pools are Karpenter pools: the one type Derrick picks is their instance-type requirement
                    if (r.name().equals("train-karpenter-gpu-nodepool")) {
                        return ((List<?>) Plan.get(r.inputs(), "spec.template.spec.requirements.1.values")).get(0);
                    }
                }
                case "gcp:container/nodePool:NodePool" -> {
                    if (r.name().equals("train-gpu")) {
                        return Plan.get(r.inputs(), "nodeConfig.machineType");
                    }
                }
                case "azure-native:containerservice:AgentPool" -> {
                    if (r.name().equals("train-gpu")) {
                        return r.inputs().get("vmSize");
                    }
                }
                default -> { }
            }
        }
        throw new AssertionError("no GPU pool in the plan");
    }

    @ParameterizedTest(name = "{0} x{1} on {2} -> {6}")
    @CsvSource({
            "h100-80gb, 8, aws,   us-east-1,   us-east-1a,    m6i.xlarge,      p5.48xlarge",
            "h100-80gb, 8, gcp,   us-central1, us-central1-a, e2-standard-4,   a3-highgpu-8g",
            "h100-80gb, 8, azure, eastus,      1,             Standard_D4s_v5, Standard_ND96isr_H100_v5",
            "l4,        4, aws,   us-east-1,   us-east-1a,    m6i.xlarge,      g6.12xlarge",
            "l4,        4, gcp,   us-central1, us-central1-a, e2-standard-4,   g2-standard-48",
            "l4,        1, aws,   us-east-1,   us-east-1a,    m6i.xlarge,      g6.xlarge",
            "l4,        1, gcp,   us-central1, us-central1-a, e2-standard-4,   g2-standard-4",
    })
    void plan_whenSameAcceleratorOnEachCloud_rendersThatCloudsMachineType(String accelerator, int gpus, String target, String region,
                                                                           String zone, String systemType, String expected) {
        Plan plan = plan(stack(target, region, zone, systemType, accelerator, gpus));

        assertThat(machineType(plan)).as("%s x%d on %s", accelerator, gpus, target).isEqualTo(expected);
    }

    @Test
    void load_whenL4OnAzure_reportsAzuresOffers() {
        RawConfig raw = TestStacks.load(dir, stack("azure", "eastus", "1", "Standard_D4s_v5", "l4", 4));

        assertThatThrownBy(() -> StackConfigLoader.load(raw)).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.errors()).as("problems").hasSize(1);
            ConfigError error = e.errors().get(0);
            assertThat(error.path()).as("path").isEqualTo("derrick:clusters[0].nodePools[1].accelerator");
            assertThat(error.problem()).as("problem").isEqualTo("not offered on azure");
            assertThat(error.hint()).as("Azure's offers").isEqualTo("azure offers: a10, a100-40gb, a100-80gb, h100-80gb, h100-nvl-94gb, t4");
        });
    }

    @Test
    void plan_whenOneStackSpansThreeClouds_eachClusterUsesItsCloudsExplicitProvider() {
        Plan plan = plan("""
                config:
                  derrick:environment: prod
                  derrick:region: us-east-1
                  derrick:gcpProject: ml-platform-prod
                  derrick:clusters:
                    - name: aws
                      target: aws
                      zones: [us-east-1a]
                      nodePools: [{name: system, machineType: m6i.xlarge, min: 1, max: 2}]
                    - name: gcp
                      target: gcp
                      region: europe-west4
                      zones: [europe-west4-a]
                      nodePools: [{name: system, machineType: e2-standard-4, min: 1, max: 2}]
                    - name: azure
                      target: azure
                      region: westeurope
                      nodePools: [{name: system, machineType: Standard_D4s_v5, min: 1, max: 2}]
                  derrick:registries:
                    - {name: models, target: gcp, region: europe-west4}
                    - {name: images, target: gcp, region: europe-west4}
                """);

        assertThat(plan.resources().stream().filter(r -> r.type().startsWith("pulumi:providers:"))
                .filter(r -> !r.type().equals("pulumi:providers:kubernetes")).map(PlannedResource::name))
                .as("cloud providers (the monitoring stack adds a Kubernetes provider per cluster)").containsExactlyInAnyOrder("aws-us-east-1", "gcp-europe-west4", "azure-native");
        String root = "urn:pulumi:test::derrick::";
        assertThat(plan.named("aws:eks/nodeGroup:NodeGroup", "aws-system").orElseThrow().provider()).as("EKS pool's provider")
                .isEqualTo(root + "pulumi:providers:aws::aws-us-east-1");
        assertThat(plan.named("gcp:container/nodePool:NodePool", "gcp-system").orElseThrow().provider()).as("GKE pool's provider")
                .isEqualTo(root + "pulumi:providers:gcp::gcp-europe-west4");
        assertThat(plan.named("azure-native:containerservice:AgentPool", "azure-system")).as("AKS system pool is inline, no AgentPool").isEmpty();
        assertThat(plan.named("azure-native:containerservice:ManagedCluster", "azure-aks").orElseThrow().provider()).as("AKS provider")
                .isEqualTo(root + "pulumi:providers:azure-native::azure-native");
        assertThat(plan.ofType("gcp:projects/service:Service")).as("each API enabled once per project").extracting(PlannedResource::name)
                .containsExactlyInAnyOrder("gcp-api-compute", "gcp-api-container", "gcp-api-iam", "gcp-api-artifactregistry", "gcp-container-scanning");
    }
}
