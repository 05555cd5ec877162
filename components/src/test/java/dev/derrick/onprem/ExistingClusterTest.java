package dev.derrick.onprem;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import dev.derrick.config.ClusterSpec;
import dev.derrick.config.GpuSharing;
import dev.derrick.config.NodePoolSpec;
import dev.derrick.config.SharingMode;
import dev.derrick.config.Target;
import dev.derrick.kubernetes.GpuPool;
import dev.derrick.plan.Plan;
import dev.derrick.plan.PlannedResource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.derrick.plan.ComponentPlans.map;
import static dev.derrick.plan.ComponentPlans.plan;
import static dev.derrick.plan.ComponentPlans.resource;
import static org.assertj.core.api.Assertions.assertThat;

/** ExistingCluster and its NodeSets through the mock engine: what reaches the existing nodes. */
class ExistingClusterTest {
    private static final String CANARY = "CANARY-kubeconfig-91b2";
    private static final NodePoolSpec SYSTEM = pool("system", null, null, List.of("cpu-01"), null, null);
    private static final NodePoolSpec H100 = pool("h100", "h100-80gb", 8, List.of("dgx-01", "dgx-02"), null,
            new GpuSharing(SharingMode.MIG, "1g.10gb", null));
    private static final NodePoolSpec L40S = pool("l40s", "l40s", 4, null, Map.of("lab.example.com/gpu", "l40s"),
            new GpuSharing(SharingMode.TIME_SLICING, null, 4));

    static NodePoolSpec pool(String name, String accelerator, Integer gpus, List<String> nodes, Map<String, String> selector, GpuSharing sharing) {
        return new NodePoolSpec(name, accelerator, gpus, null, null, selector != null ? 3 : null, null, null, null, null, null, null, null, null,
                nodes, selector, sharing);
    }

    private static Plan planned(List<NodePoolSpec> pools) {
        var spec = new ClusterSpec("lab", Target.ONPREM, null, null, null, null, null, null, null, null, pools, null);
        return plan(ctx -> new ExistingCluster("lab", spec, Output.ofSecret(CANARY), ComponentResourceOptions.Empty));
    }

    @Test
    void nodeSet_whenNodesListed_patchesEachNodeWithPoolLabelsSharingLabelsAndTheGpuTaint() {
        Plan plan = planned(List.of(SYSTEM, H100));
        PlannedResource dgx = resource(plan, "kubernetes:core/v1:NodePatch", "lab-h100-dgx-01");

        assertThat(Plan.get(dgx.inputs(), "metadata.name")).isEqualTo("dgx-01");
        assertThat(map(dgx, "metadata.labels")).containsEntry("derrick.dev/pool", "h100").containsEntry("derrick.dev/accelerator", "h100-80gb")
                .containsEntry("derrick.dev/gpu-count", "8").containsEntry("nvidia.com/gpu.present", "true")
                .containsEntry("nvidia.com/mig.config", "all-1g.10gb").containsEntry("nvidia.com/device-plugin.config", "h100");
        assertThat(Plan.get(dgx.inputs(), "spec.taints")).as("the node's whole taint list: an atomic list in the Node API")
                .isEqualTo(List.of(Map.of("key", "nvidia.com/gpu", "value", "true", "effect", "NoSchedule")));
        assertThat(plan.named("kubernetes:core/v1:NodePatch", "lab-h100-dgx-02")).isPresent();
        PlannedResource cpu = resource(plan, "kubernetes:core/v1:NodePatch", "lab-system-cpu-01");
        assertThat(cpu.inputs()).as("a CPU pool owns no taints").doesNotContainKey("spec");
        assertThat(map(cpu, "metadata.labels")).containsEntry("derrick.dev/pool", "system").doesNotContainKey("nvidia.com/gpu.present");
    }

    @Test
    void cluster_whenPlanned_bindsEveryPatchToAProviderWithTheSecretKubeconfig() {
        Plan plan = planned(List.of(SYSTEM, H100));
        PlannedResource provider = resource(plan, "pulumi:providers:kubernetes", "lab-provider");

        assertThat(provider.inputs().get("kubeconfig")).isEqualTo(PlannedResource.SECRET);
        assertThat(plan.ofType("kubernetes:core/v1:NodePatch")).hasSize(3).allSatisfy(p -> assertThat(p.provider()).isEqualTo(provider.urn()));
        assertThat(plan.resources().toString()).doesNotContain(CANARY);
        assertThat(plan.ofType("kubernetes:apps/v1:DaemonSet")).as("no labeller without selectors").isEmpty();
    }

    @Test
    void nodeSet_whenSelected_runsALabellerOnTheSelectedNodesWithNodePatchRights() {
        Plan plan = planned(List.of(SYSTEM, L40S));
        PlannedResource ds = resource(plan, "kubernetes:apps/v1:DaemonSet", "lab-l40s-labeller");

        assertThat(Plan.get(ds.inputs(), "spec.template.spec.nodeSelector")).isEqualTo(Map.of("lab.example.com/gpu", "l40s"));
        assertThat(Plan.get(ds.inputs(), "spec.template.spec.tolerations")).isEqualTo(List.of(Map.of("operator", "Exists")));
        assertThat(Plan.get(ds.inputs(), "spec.template.spec.serviceAccountName")).isEqualTo("derrick-labeller");
        assertThat(Plan.get(ds.inputs(), "spec.template.spec.initContainers.0.args")).asList()
                .startsWith("label", "node", "$(NODE_NAME)", "--overwrite")
                .contains("derrick.dev/pool=l40s", "nvidia.com/device-plugin.config=l40s", "nvidia.com/gpu.present=true");
        assertThat(Plan.get(ds.inputs(), "spec.template.spec.initContainers.1.args")).asList()
                .containsExactly("taint", "node", "$(NODE_NAME)", "--overwrite", "nvidia.com/gpu=true:NoSchedule");
        assertThat(Plan.get(ds.inputs(), "spec.template.spec.initContainers.0.image")).isEqualTo(NodeSet.KUBECTL_IMAGE);
        PlannedResource role = resource(plan, "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole", "lab-labeller-role");
        assertThat(Plan.get(role.inputs(), "rules.0")).isEqualTo(Map.of("apiGroups", List.of(""), "resources", List.of("nodes"), "verbs", List.of("get", "patch")));
    }

    @Test
    void cluster_whenGpuPools_reportsTheirDeclaredGpusForMonitoring() {
        var spec = new ClusterSpec("lab", Target.ONPREM, null, null, null, null, null, null, null, null, List.of(SYSTEM, H100, L40S), null);
        ExistingCluster[] cluster = new ExistingCluster[1];
        plan(ctx -> cluster[0] = new ExistingCluster("lab", spec, Output.ofSecret(CANARY), ComponentResourceOptions.Empty));

        assertThat(cluster[0].gpuPools).containsExactly(new GpuPool("h100", 8), new GpuPool("l40s", 4));
        assertThat(cluster[0].nodesReady).hasSize(4);
    }

    @Test
    void kubeconfigs_whenMapOfClusters_returnsTheClustersEntryAndNamesNoSecretOnError() {
        assertThat(Kubeconfigs.entry("{\"lab\": \"apiVersion: v1\"}", "lab")).isEqualTo("apiVersion: v1");
        assertThat(Kubeconfigs.entry("lab: |\n  apiVersion: v1\n", "lab")).as("whole key set as one YAML string").isEqualTo("apiVersion: v1\n");
        try {
            Kubeconfigs.entry("{\"other\": \"" + CANARY + "\"}", "lab");
        } catch (IllegalStateException e) {
            assertThat(e.getMessage()).contains("no kubeconfig for cluster lab").doesNotContain(CANARY);
            return;
        }
        throw new AssertionError("expected a missing entry to fail");
    }
}
