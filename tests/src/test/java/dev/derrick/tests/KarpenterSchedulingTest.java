package dev.derrick.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.derrick.catalog.Catalog;
import dev.derrick.catalog.CloudCatalog;
import dev.derrick.catalog.InstanceType;
import dev.derrick.cli.ProgramRunner;
import dev.derrick.cli.template.NewProject;
import dev.derrick.cli.template.Template;
import dev.derrick.config.StackFiles;
import dev.derrick.plan.Plan;
import dev.derrick.plan.PlannedResource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scale-from-zero is real only if a pending GPU pod fits exactly one Karpenter pool. For every Karpenter pool of the
 * stacks that have them (and the aws-gpu-training template), pods are matched against the NodePools as rendered in the
 * plan, by the rules Karpenter documents for deciding whether a NodePool can serve a pending pod (karpenter.sh docs,
 * "Scheduling", v1.14, read 2026-12-05): every NoSchedule/NoExecute taint of the template tolerated (Kubernetes
 * "Taints and Tolerations" matching: key, operator Equal/Exists, effect); every nodeSelector term satisfied by a template
 * label or allowed by a requirement (a requirement's key without an allowed value excludes the pod; a well-known label
 * the NodePool leaves open is free); the resource request within one allowed instance type (GPUs from the catalog) and
 * within the NodePool's limits. Matching is computed, not assumed: a pod without the GPU toleration must match no pool.
 */
class KarpenterSchedulingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CloudCatalog AWS = Catalog.bundled().cloud("aws").orElseThrow();
    /** Labels Karpenter sets on every node from the instance it launches; a NodePool that does not restrict one leaves it open. */
    private static final Set<String> WELL_KNOWN = Set.of("node.kubernetes.io/instance-type", "topology.kubernetes.io/zone", "kubernetes.io/arch",
            "karpenter.sh/capacity-type", "karpenter.k8s.aws/instance-family", "karpenter.k8s.aws/instance-size", "kubernetes.io/os");
    private static final Map<String, Object> GPU_TOLERATION = Map.of("key", "nvidia.com/gpu", "operator", "Exists", "effect", "NoSchedule");

    @TempDir
    static Path tmp;

    /** A pending pod: node selector, tolerations, GPUs requested. */
    record Pod(Map<String, String> nodeSelector, List<Map<String, Object>> tolerations, int gpus) {
    }

    static Plan plan(String stack) {
        if (stack.equals("template:aws-gpu-training")) {
            Path dir = tmp.resolve("aws-gpu-training");
            if (!dir.toFile().exists()) {
                NewProject.create(new NewProject.Request(Template.load(Project.root().resolve("templates/aws-gpu-training")), "aws-gpu-training",
                        dir, "sched-test", null, "dev", List.of()));
            }
            return ProgramRunner.run(dir, StackFiles.load(dir, "dev")).plan();
        }
        return StackPlansTest.plan(stack);
    }

    static List<JsonNode> nodePools(Plan plan) {
        return plan.ofType("kubernetes:karpenter.sh/v1:NodePool").stream().map(r -> (JsonNode) JSON.valueToTree(r.inputs())).toList();
    }

    static String name(JsonNode nodePool) {
        return nodePool.path("metadata").path("name").asText();
    }

    /** Whether Karpenter may launch a node of {@code nodePool} for {@code pod}. */
    static boolean fits(Pod pod, JsonNode nodePool) {
        JsonNode template = nodePool.path("spec").path("template");
        for (JsonNode taint : template.path("spec").path("taints")) {
            String effect = taint.path("effect").asText();
            if (!effect.equals("PreferNoSchedule") && pod.tolerations().stream().noneMatch(t -> tolerates(t, taint))) {
                return false;
            }
        }
        JsonNode labels = template.path("metadata").path("labels");
        for (var term : pod.nodeSelector().entrySet()) {
            JsonNode requirement = requirement(template, term.getKey());
            if (labels.has(term.getKey())) {
                if (!labels.path(term.getKey()).asText().equals(term.getValue())) {
                    return false;
                }
            } else if (requirement != null) {
                if (!values(requirement).contains(term.getValue())) {
                    return false;
                }
            } else if (!WELL_KNOWN.contains(term.getKey())) {
                return false; // no node of this pool carries the label
            }
        }
        // The request must fit one allowed type whose other constraints the pod did not exclude.
        List<InstanceType> types = new ArrayList<>();
        for (String type : values(requirement(template, "node.kubernetes.io/instance-type"))) {
            String wanted = pod.nodeSelector().get("node.kubernetes.io/instance-type");
            if (wanted == null || wanted.equals(type)) {
                types.addAll(AWS.named(type));
            }
        }
        boolean oneTypeFits = types.stream().anyMatch(t -> t.gpus() >= pod.gpus());
        int gpuLimit = Integer.parseInt(nodePool.path("spec").path("limits").path("nvidia.com/gpu").asText("0"));
        return oneTypeFits && pod.gpus() <= gpuLimit;
    }

    static boolean tolerates(Map<String, Object> toleration, JsonNode taint) {
        String key = (String) toleration.getOrDefault("key", "");
        String operator = (String) toleration.getOrDefault("operator", "Equal");
        String effect = (String) toleration.getOrDefault("effect", "");
        if (!key.isEmpty() && !key.equals(taint.path("key").asText())) {
            return false;
        }
        if (key.isEmpty() && !operator.equals("Exists")) {
            return false;
        }
        if (!effect.isEmpty() && !effect.equals(taint.path("effect").asText())) {
            return false;
        }
        return operator.equals("Exists") || String.valueOf(toleration.getOrDefault("value", "")).equals(taint.path("value").asText(""));
    }

    static JsonNode requirement(JsonNode template, String key) {
        for (JsonNode r : template.path("spec").path("requirements")) {
            if (r.path("key").asText().equals(key)) {
                return r;
            }
        }
        return null;
    }

    static List<String> values(JsonNode requirement) {
        if (requirement == null) {
            return List.of();
        }
        assertThat(requirement.path("operator").asText()).as("Derrick writes In requirements only").isEqualTo("In");
        var out = new ArrayList<String>();
        requirement.path("values").forEach(v -> out.add(v.asText()));
        return out;
    }

    static List<String> matching(Pod pod, List<JsonNode> pools) {
        return pools.stream().filter(p -> fits(pod, p)).map(KarpenterSchedulingTest::name).toList();
    }

    static int smallestGpus(JsonNode nodePool) {
        return values(requirement(nodePool.path("spec").path("template"), "node.kubernetes.io/instance-type")).stream()
                .flatMap(t -> AWS.named(t).stream()).mapToInt(InstanceType::gpus).min().orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", "hybrid", "template:aws-gpu-training"})
    void aPendingGpuPodForAPool_matchesThatPoolOnly_andNoneWithoutTheGpuToleration(String stack) {
        List<JsonNode> pools = nodePools(plan(stack));
        assertThat(pools).as("%s plans Karpenter GPU pools", stack).isNotEmpty();
        for (JsonNode pool : pools) {
            String name = name(pool);
            int gpus = smallestGpus(pool);
            var selector = Map.of("derrick.dev/pool", name);
            assertThat(matching(new Pod(selector, List.of(GPU_TOLERATION), gpus), pools)).as("%s: GPU pod for pool %s", stack, name)
                    .containsExactly(name);
            assertThat(matching(new Pod(selector, List.of(), gpus), pools)).as("%s: the same pod without the GPU toleration", stack).isEmpty();
            assertThat(matching(new Pod(Map.of(), List.of(), 0), pools)).as("%s: a CPU pod lands on no GPU pool", stack).isEmpty();
            assertThat(matching(new Pod(selector, List.of(GPU_TOLERATION), 16), pools)).as("%s: more GPUs than any type of %s", stack, name).isEmpty();
            // by accelerator: the pools of that accelerator, and in these stacks there is one per accelerator
            String accelerator = pool.path("spec").path("template").path("metadata").path("labels").path("derrick.dev/accelerator").asText();
            assertThat(matching(new Pod(Map.of("derrick.dev/accelerator", accelerator), List.of(GPU_TOLERATION), gpus), pools))
                    .as("%s: a %s pod", stack, accelerator).containsExactly(name);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"prod"})
    void capacityAndSizeSelectors_narrowTheMatchAsTheRequirementsAllow(String stack) {
        List<JsonNode> pools = nodePools(plan(stack));
        // l4 is spot-preferred over g6.12xlarge/24xlarge/48xlarge; h100 is on-demand p5.48xlarge
        assertThat(matching(new Pod(Map.of("karpenter.sh/capacity-type", "on-demand"), List.of(GPU_TOLERATION), 1), pools))
                .containsExactlyInAnyOrder("h100", "l4");
        assertThat(matching(new Pod(Map.of("karpenter.sh/capacity-type", "spot"), List.of(GPU_TOLERATION), 1), pools)).containsExactly("l4");
        assertThat(matching(new Pod(Map.of("node.kubernetes.io/instance-type", "g6.12xlarge"), List.of(GPU_TOLERATION), 8), pools))
                .as("g6.12xlarge has 4 L4s").isEmpty();
        assertThat(matching(new Pod(Map.of("node.kubernetes.io/instance-type", "g6.48xlarge"), List.of(GPU_TOLERATION), 8), pools))
                .containsExactly("l4");
        assertThat(matching(new Pod(Map.of("node.kubernetes.io/instance-type", "g6.xlarge"), List.of(GPU_TOLERATION), 1), pools))
                .as("outside the sizes the l4 pool allows").isEmpty();
    }
}
