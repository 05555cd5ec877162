package dev.derrick.kueue;

import dev.derrick.config.TestStacks;
import dev.derrick.plan.Plan;
import dev.derrick.plan.PlannedResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flavors against what the real program renders onto each cloud's node group: a flavor's node labels must be
 * labels the pool's nodes carry, and its tolerations must match every taint the pool's nodes carry, key, value and
 * effect (GKE writes the GPU taint as {@code present}, AKS adds its spot taint). Read from the same plan, so a change to
 * a pool's labels or taints that the flavors do not follow fails here.
 */
public class KueueFlavorsPlanTest {
    @TempDir
    Path dir;

    private static final String KUEUE = """
                  kueue:
                    teams:
                      - {name: research, gpus: {gpu: 1}, cpu: "8", memory: 64Gi}
            """;

    private static String stack(String target, String region, String zone, String systemType, String accelerator, String capacity, String taints) {
        return TestStacks.oneGpuCluster(target, region, zone, systemType,
                "accelerator: %s, gpusPerNode: 1, capacity: %s, min: 0, max: 2, taints: %s".formatted(accelerator, capacity, taints), KUEUE, "");
    }

    private Plan plan(String yaml) {
        return TestStacks.plan(dir, yaml);
    }

    /**
     * The GPU pool's node labels and taints ({@code key=value:Effect}) as its cloud resource carries them (also what
     * the serving runtime's plan test compares against).
     */
    public static Map<String, Object> rendered(Plan plan) {
        for (PlannedResource r : plan.resources()) {
            if (!r.name().equals("train-gpu") && !r.name().startsWith("lab-gpu-") && !r.name().equals("train-karpenter-gpu-nodepool")) {
                continue;
            }
            switch (r.type()) {
                case "aws:eks/nodeGroup:NodeGroup" -> {
                    return Map.of("labels", r.inputs().get("labels"), "taints", upperSnake((List<?>) r.inputs().get("taints")));
                }
                case "gcp:container/nodePool:NodePool" -> {
                    return Map.of("labels", Plan.get(r.inputs(), "nodeConfig.labels"), "taints", upperSnake((List<?>) Plan.get(r.inputs(), "nodeConfig.taints")));
                }
                case "azure-native:containerservice:AgentPool" -> {
                    return Map.of("labels", r.inputs().get("nodeLabels"), "taints", r.inputs().get("nodeTaints"));
                }
                case "kubernetes:karpenter.sh/v1:NodePool" -> { // EKS GPU pools: the NodePool's node template
                    var taints = new ArrayList<String>();
                    for (Object t : (List<?>) Plan.get(r.inputs(), "spec.template.spec.taints")) {
                        var m = (Map<?, ?>) t;
                        taints.add(m.get("key") + "=" + m.get("value") + ":" + m.get("effect"));
                    }
                    return Map.of("labels", Plan.get(r.inputs(), "spec.template.metadata.labels"), "taints", taints);
                }
                case "kubernetes:core/v1:NodePatch" -> {
                    var taints = new ArrayList<String>();
                    for (Object t : (List<?>) Plan.get(r.inputs(), "spec.taints")) {
                        var m = (Map<?, ?>) t;
                        taints.add(m.get("key") + "=" + m.get("value") + ":" + m.get("effect"));
                    }
                    return Map.of("labels", Plan.get(r.inputs(), "metadata.labels"), "taints", taints);
                }
                default -> {
                }
            }
        }
        throw new AssertionError("no GPU pool resource in the plan");
    }

    private static List<String> upperSnake(List<?> taints) {
        var out = new ArrayList<String>();
        for (Object t : taints) {
            var m = (Map<?, ?>) t;
            String effect = switch ((String) m.get("effect")) {
                case "NO_SCHEDULE" -> "NoSchedule";
                case "PREFER_NO_SCHEDULE" -> "PreferNoSchedule";
                case "NO_EXECUTE" -> "NoExecute";
                default -> throw new AssertionError("effect " + m.get("effect"));
            };
            out.add(m.get("key") + "=" + m.get("value") + ":" + effect);
        }
        return out;
    }

    private static PlannedResource flavor(Plan plan, String cluster, String pool) {
        return plan.named("kubernetes:kueue.x-k8s.io/v1beta2:ResourceFlavor", cluster + "-kueue-flavor-" + pool)
                .orElseThrow(() -> new AssertionError("no flavor for pool " + pool));
    }

    private static void assertFlavorMatchesPool(Plan plan, String cluster, List<String> expectedTaints) {
        Map<String, Object> nodes = rendered(plan);
        PlannedResource flavor = flavor(plan, cluster, "gpu");
        @SuppressWarnings("unchecked")
        var selector = (Map<String, Object>) Plan.get(flavor.inputs(), "spec.nodeLabels");
        @SuppressWarnings("unchecked")
        var nodeLabels = (Map<String, Object>) nodes.get("labels");
        assertThat(selector).as("flavor node labels").containsEntry("derrick.dev/pool", "gpu").isNotEmpty();
        assertThat(nodeLabels).as("every label the flavor selects is on the pool's nodes").containsAllEntriesOf(selector);

        var tolerated = new ArrayList<String>();
        for (Object t : (List<?>) Plan.get(flavor.inputs(), "spec.tolerations")) {
            var m = (Map<?, ?>) t;
            assertThat(m.get("operator")).isEqualTo("Equal");
            tolerated.add(m.get("key") + "=" + m.get("value") + ":" + m.get("effect"));
        }
        assertThat(tolerated).as("tolerations = the pool's rendered taints").containsExactlyInAnyOrderElementsOf(
                ((List<?>) nodes.get("taints")).stream().map(Object::toString).toList());
        assertThat(tolerated).as("the taints this cloud really puts on the pool").containsExactlyInAnyOrderElementsOf(expectedTaints);
    }

    @ParameterizedTest(name = "{0} {5}")
    @CsvSource(delimiter = '|', value = {
            "aws|us-east-1|us-east-1a|m6i.xlarge|l4|on-demand|nvidia.com/gpu=true:NoSchedule",
            "aws|us-east-1|us-east-1a|m6i.xlarge|l4|spot|nvidia.com/gpu=true:NoSchedule",
            "gcp|us-central1|us-central1-a|n2-standard-8|l4|on-demand|nvidia.com/gpu=present:NoSchedule",
            "azure|eastus|1|Standard_D8s_v5|t4|on-demand|nvidia.com/gpu=true:NoSchedule",
            "azure|eastus|1|Standard_D8s_v5|t4|spot|nvidia.com/gpu=true:NoSchedule;kubernetes.azure.com/scalesetpriority=spot:NoSchedule",
    })
    void flavor_onEachCloud_matchesThePoolsRenderedLabelsAndTaints(String target, String region, String zone, String systemType, String accelerator,
                                                                  String capacity, String taints) {
        Plan plan = plan(stack(target, region, zone, systemType, accelerator, capacity, "[]"));

        assertFlavorMatchesPool(plan, "train", List.of(taints.split(";")));
    }

    @Test
    void flavor_withACustomTaint_toleratesItToo() {
        Plan plan = plan(stack("gcp", "us-central1", "us-central1-a", "n2-standard-8", "l4", "on-demand", "[{key: team, value: vision}]"));

        assertFlavorMatchesPool(plan, "train", List.of("nvidia.com/gpu=present:NoSchedule", "team=vision:NoSchedule"));
    }

    @Test
    void flavor_onpremNodes_matchesTheNodePatches() {
        Plan plan = plan(TestStacks.VALID_ONPREM.replace("      nodePools:\n", KUEUE.replace("gpu: 1", "gpu: 8") + "      nodePools:\n"));

        assertFlavorMatchesPool(plan, "lab", List.of("nvidia.com/gpu=true:NoSchedule"));
    }

    @Test
    void queues_forATeam_quotaOnItsPoolAndZeroElsewhere() {
        String yaml = stack("aws", "us-east-1", "us-east-1a", "m6i.xlarge", "l4", "on-demand", "[]").replace(KUEUE, "") + """
                        - {name: big, accelerator: h100-80gb, gpusPerNode: 8, min: 0, max: 2}
                      kueue:
                        cohort: ml
                        teams:
                          - {name: research, gpus: {gpu: 2, h100-80gb: 8}, cpu: "64", memory: 512Gi, borrowingLimit: 4, lendingLimit: 6}
                          - {name: vision, namespaces: [vision, vision-dev], gpus: {big: 8}, cpu: "32", memory: 256Gi, reclaimWithinCohort: Never}
                """;
        Plan plan = plan(yaml);

        var research = plan.named("kubernetes:kueue.x-k8s.io/v1beta2:ClusterQueue", "train-kueue-queue-research").orElseThrow();
        assertThat(Plan.get(research.inputs(), "spec.cohortName")).isEqualTo("ml");
        assertThat(Plan.get(research.inputs(), "spec.resourceGroups.1.flavors.0.name")).isEqualTo("gpu");
        assertThat(Plan.get(research.inputs(), "spec.resourceGroups.1.flavors.0.resources.0")).isEqualTo(
                ordered("name", "nvidia.com/gpu", "nominalQuota", 2L, "borrowingLimit", 4L, "lendingLimit", 2L));
        assertThat(Plan.get(research.inputs(), "spec.resourceGroups.1.flavors.1.resources.0")).isEqualTo(
                ordered("name", "nvidia.com/gpu", "nominalQuota", 8L, "borrowingLimit", 4L, "lendingLimit", 6L));
        assertThat(Plan.get(research.inputs(), "spec.resourceGroups.0.flavors.0.resources")).isEqualTo(List.of(
                Map.of("name", "cpu", "nominalQuota", "64"), Map.of("name", "memory", "nominalQuota", "512Gi")));
        var vision = plan.named("kubernetes:kueue.x-k8s.io/v1beta2:ClusterQueue", "train-kueue-queue-vision").orElseThrow();
        assertThat(Plan.get(vision.inputs(), "spec.resourceGroups.1.flavors.0.resources.0.nominalQuota")).isEqualTo(0L);
        assertThat(Plan.get(vision.inputs(), "spec.resourceGroups.1.flavors.1.resources.0.nominalQuota")).isEqualTo(8L);
        assertThat(Plan.get(vision.inputs(), "spec.preemption.reclaimWithinCohort")).isEqualTo("Never");
        assertThat(Plan.get(vision.inputs(), "spec.namespaceSelector.matchExpressions.0.values")).isEqualTo(List.of("vision", "vision-dev"));
        for (String ns : List.of("vision", "vision-dev")) {
            var lq = plan.named("kubernetes:kueue.x-k8s.io/v1beta2:LocalQueue", "train-kueue-localqueue-" + ns).orElseThrow();
            assertThat(Plan.get(lq.inputs(), "metadata.namespace")).isEqualTo(ns);
            assertThat(Plan.get(lq.inputs(), "spec.clusterQueue")).isEqualTo("vision");
        }
        var release = plan.named("kubernetes:helm.sh/v3:Release", "train-kueue-release").orElseThrow();
        assertThat(release.inputs()).containsEntry("chart", "oci://registry.k8s.io/kueue/charts/kueue").containsEntry("version", "0.19.2");
        assertThat(Plan.get(release.inputs(), "values.controllerManager.manager.image.tag")).isEqualTo("v0.19.2");
        assertThat(plan.resources()).extracting(PlannedResource::name).doesNotContain("train-kueue-jobset", "train-kueue-kuberay");
    }

    @Test
    void plan_withoutKueueBlock_installsNoKueue() {
        Plan plan = plan(stack("aws", "us-east-1", "us-east-1a", "m6i.xlarge", "l4", "on-demand", "[]").replace(KUEUE, ""));

        assertThat(plan.resources()).extracting(PlannedResource::type).doesNotContain(Kueue.TYPE);
    }

    private static Map<String, Object> ordered(Object... kv) {
        var m = new TreeMap<String, Object>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return new LinkedHashMap<>(m);
    }
}
