package dev.derrick.policy;

import dev.derrick.plan.Plan;
import org.junit.jupiter.api.Test;

import static dev.derrick.policy.PolicyFixtures.PROD;
import static dev.derrick.policy.PolicyFixtures.config;
import static dev.derrick.policy.PolicyFixtures.evaluate;
import static dev.derrick.policy.PolicyFixtures.plan;
import static dev.derrick.policy.PolicyFixtures.verdict;
import static org.assertj.core.api.Assertions.assertThat;

class KueuePoliciesTest {
    /** PROD with two teams on its H100 pool (2 nodes x 8 GPUs). */
    private static final String TEAMS = PROD.replace("""
                    - {name: system, machineType: m6i.xlarge, min: 1, max: 2}
            """, """
                    - {name: system, machineType: m6i.xlarge, min: 1, max: 2}
                  kueue:
                    teams:
                      - {name: research, gpus: {h100-80gb: 8}, cpu: "64", memory: 512Gi}
                      - {name: vision, namespaces: [vision, vision-dev], gpus: {h100-80gb: 4}, cpu: "64", memory: 512Gi}
            """);

    private static Plan planned;

    private static synchronized Plan planned() {
        if (planned == null) {
            planned = plan(TEAMS);
        }
        return planned;
    }

    @Test
    void teamGpuQuotaInProd_whenEveryTeamHasGpus_passes() {
        assertThat(TEAMS).contains("kueue:");
        assertThat(verdict(evaluate(TEAMS, false), "kueue-team-gpu-quota-in-prod").status()).isEqualTo(Verdict.Status.PASS);
    }

    @Test
    void teamGpuQuotaInProd_whenATeamOnlyBorrows_fails() {
        var v = verdict(evaluate(TEAMS.replace("gpus: {h100-80gb: 4}", "gpus: {h100-80gb: 0}"), false), "kueue-team-gpu-quota-in-prod");

        assertThat(v.status()).isEqualTo(Verdict.Status.FAIL);
        assertThat(v.violations()).singleElement().satisfies(x -> assertThat(x.resource()).isEqualTo("derrick:clusters[0].kueue.teams[1] (train/vision)"));
    }

    @Test
    void teamNamespaceQueued_whenPlannedByDerrick_passes() {
        assertThat(verdict(PolicyFixtures.evaluate(config(TEAMS), planned()), "kueue-team-namespace-queued").status()).isEqualTo(Verdict.Status.PASS);
    }

    @Test
    void teamNamespaceQueued_whenALocalQueueIsMissing_fails() {
        Plan full = planned();
        Plan missing = new Plan(full.project(), full.stack(), full.resources().stream()
                .filter(r -> !r.name().equals("train-kueue-localqueue-vision-dev")).toList());

        var v = verdict(PolicyFixtures.evaluate(config(TEAMS), missing), "kueue-team-namespace-queued");

        assertThat(v.status()).isEqualTo(Verdict.Status.FAIL);
        assertThat(v.violations()).singleElement().satisfies(x -> {
            assertThat(x.why()).isEqualTo("team namespace vision-dev has no LocalQueue of team vision");
            assertThat(x.resource()).endsWith("::train-kueue-team-vision-dev");
        });
    }
}
