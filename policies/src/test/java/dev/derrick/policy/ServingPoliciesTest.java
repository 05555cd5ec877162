package dev.derrick.policy;

import dev.derrick.plan.Plan;
import dev.derrick.plan.PlannedResource;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static dev.derrick.policy.PolicyFixtures.PROD;
import static dev.derrick.policy.PolicyFixtures.config;
import static dev.derrick.policy.PolicyFixtures.plan;
import static dev.derrick.policy.PolicyFixtures.verdict;
import static org.assertj.core.api.Assertions.assertThat;

class ServingPoliciesTest {
    private static final String ID = "serving-runtime-gpu-on-gpu-pools";
    /** PROD (an H100 pool and a CPU pool) serving models from its store. */
    private static final String SERVING = PROD.replace("""
                    - {name: system, machineType: m6i.xlarge, min: 1, max: 2}
            """, """
                    - {name: system, machineType: m6i.xlarge, min: 1, max: 2}
                  serving: {modelStore: datasets}
            """);

    private static Plan planned;

    private static synchronized Plan planned() {
        if (planned == null) {
            planned = plan(SERVING);
        }
        return planned;
    }

    /** The plan with Derrick's runtime's spec changed by {@code edit}. */
    @SuppressWarnings("unchecked")
    private static Plan withRuntime(UnaryOperator<Map<String, Object>> edit) {
        Plan full = planned();
        return new Plan(full.project(), full.stack(), full.resources().stream().map(r -> {
            if (!r.type().equals(ServingPolicies.CLUSTER_RUNTIME)) {
                return r;
            }
            var inputs = new LinkedHashMap<String, Object>(r.inputs());
            inputs.put("spec", edit.apply(new LinkedHashMap<>((Map<String, Object>) inputs.get("spec"))));
            return new PlannedResource(r.urn(), r.type(), r.name(), r.parent(), r.custom(), r.provider(), inputs, r.protect(), r.retainOnDelete(),
                    r.dependencies(), r.aliases());
        }).toList());
    }

    private static Verdict judge(Plan plan) {
        return verdict(PolicyFixtures.evaluate(config(SERVING), plan), ID);
    }

    @Test
    void gpuRuntimeOnGpuPools_whenPlannedByDerrick_passes() {
        assertThat(planned().ofType(ServingPolicies.CLUSTER_RUNTIME)).hasSize(1);
        assertThat(judge(planned()).status()).isEqualTo(Verdict.Status.PASS);
    }

    @Test
    void gpuRuntimeOnGpuPools_withoutAffinity_fails() {
        var v = judge(withRuntime(spec -> {
            spec.remove("affinity");
            return spec;
        }));

        assertThat(v.status()).isEqualTo(Verdict.Status.FAIL);
        assertThat(v.violations()).singleElement().satisfies(x -> {
            assertThat(x.resource()).endsWith("::train-serving-runtime");
            assertThat(x.why()).contains("requests nvidia.com/gpu but neither its node selector nor a required node affinity");
            assertThat(x.fix()).contains("derrick.dev/pool In [h100]");
        });
    }

    @Test
    void gpuRuntimeOnGpuPools_whenTheAffinityAlsoAdmitsTheCpuPool_fails() {
        var v = judge(withRuntime(spec -> {
            spec.put("affinity", Map.of("nodeAffinity", Map.of("requiredDuringSchedulingIgnoredDuringExecution", Map.of("nodeSelectorTerms",
                    List.of(Map.of("matchExpressions", List.of(Map.of("key", "derrick.dev/pool", "operator", "In", "values", List.of("h100", "system")))))))));
            return spec;
        }));

        assertThat(v.status()).isEqualTo(Verdict.Status.FAIL);
        assertThat(v.violations()).singleElement().satisfies(x -> assertThat(x.why()).contains("lets it land outside the GPU pools"));
    }

    @Test
    void gpuRuntimeOnGpuPools_withANodeSelectorOnTheAccelerator_passes() {
        var v = judge(withRuntime(spec -> {
            spec.remove("affinity");
            spec.put("nodeSelector", Map.of("derrick.dev/accelerator", "h100-80gb"));
            return spec;
        }));

        assertThat(v.status()).isEqualTo(Verdict.Status.PASS);
    }
}
