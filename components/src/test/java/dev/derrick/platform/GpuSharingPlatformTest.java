package dev.derrick.platform;

import dev.derrick.catalog.Catalog;
import dev.derrick.config.RawConfig;
import dev.derrick.config.StackConfigLoader;
import dev.derrick.config.TestStacks;
import dev.derrick.cost.CostEstimator;
import dev.derrick.cost.CostReport;
import dev.derrick.plan.Plan;
import dev.derrick.plan.PlanEngine;
import dev.derrick.plan.PlannedResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The real program: a GPU operator on every cluster with GPU pools except GKE, sharing wired per cloud, on-prem pools costed. */
class GpuSharingPlatformTest {
    private static final String RELEASE = "kubernetes:helm.sh/v3:Release";

    @TempDir
    Path dir;

    private Plan plan(String yaml) {
        RawConfig raw = TestStacks.load(dir, yaml);
        return PlanEngine.run("derrick", raw.stack(), raw.asPulumiConfig(), raw.secretKeys(), DerrickProgram::stack);
    }

    @Test
    void eks_whenGpuPoolTimeSliced_installsTheOperatorWithTheAmisDriverAndLabelsTheNodeGroup() {
        Plan plan = plan(TestStacks.valid().set("derrick:clusters[0].nodePools[1].sharing", "{mode: time-slicing, replicas: 4}").yaml());

        PlannedResource release = plan.named(RELEASE, "train-gpu-operator-release").orElseThrow();
        assertThat(Plan.get(release.inputs(), "values.driver.enabled")).as("AL2023_x86_64_NVIDIA carries the driver").isEqualTo(false);
        assertThat(plan.named("derrick:kubernetes:GpuOperator", "train-gpu-operator").orElseThrow().parent())
                .as("on the cluster it serves").isEqualTo(plan.named("derrick:aws:EksCluster", "train").orElseThrow().urn());
        @SuppressWarnings("unchecked")
        var labels = (Map<String, Object>) plan.named("aws:eks/nodeGroup:NodeGroup", "train-gpu").orElseThrow().inputs().get("labels");
        assertThat(labels).containsEntry("nvidia.com/device-plugin.config", "gpu");
        var config = plan.named("kubernetes:core/v1:ConfigMap", "train-gpu-operator-device-plugin-config").orElseThrow();
        assertThat(Plan.get(config.inputs(), "data.gpu").toString()).contains("replicas: 4");
    }

    @Test
    void gke_whenGpuPools_installsNoOperatorButMonitoring() {
        Plan plan = plan(TestStacks.VALID_GCP);

        assertThat(plan.ofType("derrick:kubernetes:GpuOperator")).isEmpty();
        assertThat(plan.named("derrick:kubernetes:MonitoringStack", "train-monitoring")).as("monitoring on GKE").isPresent();
        assertThat(plan.named("pulumi:providers:kubernetes", "train-monitoring-provider").orElseThrow().inputs().get("kubeconfig"))
                .isIn(PlannedResource.UNKNOWN, PlannedResource.SECRET);
    }

    @Test
    void aks_whenGpuPools_installsTheOperatorAndMonitoring() {
        Plan plan = plan(TestStacks.VALID_AZURE);

        assertThat(plan.named("derrick:kubernetes:GpuOperator", "train-gpu-operator")).isPresent();
        assertThat(plan.named("derrick:kubernetes:MonitoringStack", "train-monitoring")).isPresent();
    }

    @Test
    void cluster_whenNoGpuPools_getsNoOperator() {
        Plan plan = plan(TestStacks.valid().remove("derrick:clusters[0].nodePools[1]").yaml());

        assertThat(plan.ofType("derrick:kubernetes:GpuOperator")).isEmpty();
    }

    @Test
    void onprem_whenPlanned_installsTheOperatorWithItsDriverAndMonitorsTheCluster() {
        Plan plan = plan(TestStacks.VALID_ONPREM);

        assertThat(Plan.get(plan.named(RELEASE, "lab-gpu-operator-release").orElseThrow().inputs(), "values.driver.enabled")).isEqualTo(true);
        assertThat(plan.named("derrick:kubernetes:MonitoringStack", "lab-monitoring").orElseThrow().parent())
                .isEqualTo(plan.named("derrick:onprem:ExistingCluster", "lab").orElseThrow().urn());
        assertThat(plan.named("pulumi:providers:kubernetes", "lab-provider").orElseThrow().inputs().get("kubeconfig")).isEqualTo(PlannedResource.SECRET);
        assertThat(plan.resources().toString()).doesNotContain("CIPHERTEXT-lab");
    }

    @Test
    void cost_whenOnpremPools_areOwnedAtZeroButCountTheirGpus() {
        CostReport cost = CostEstimator.estimate(StackConfigLoader.load(TestStacks.load(dir, TestStacks.VALID_ONPREM)), Catalog.bundled());

        assertThat(cost.pools()).extracting(p -> p.instanceType() + "/" + p.capacity()).containsOnly("on-prem/owned");
        assertThat(cost.hourlyAtMax()).isZero();
        assertThat(cost.gpusAtMin()).isEqualTo(16);
        assertThat(cost.gpusAtMax()).isEqualTo(16);
        assertThat(cost.pools()).allSatisfy(p -> assertThat(p.priced()).isTrue());
        assertThat(List.of(cost.pools().get(1).gpusPerNode(), cost.pools().get(1).min(), cost.pools().get(1).max())).containsExactly(8, 2, 2);
    }
}
