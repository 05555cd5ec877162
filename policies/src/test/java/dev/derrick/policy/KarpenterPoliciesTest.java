package dev.derrick.policy;

import org.junit.jupiter.api.Test;

import static dev.derrick.policy.PolicyFixtures.DEV;
import static dev.derrick.policy.PolicyFixtures.PROD;
import static dev.derrick.policy.PolicyFixtures.evaluate;
import static dev.derrick.policy.PolicyFixtures.verdict;
import static org.assertj.core.api.Assertions.assertThat;

/** prod-gpu-pools-disruption-safe and dev-gpu-uses-spot on Karpenter pools (PROD's h100 and DEV's gpu pool are Karpenter pools). */
class KarpenterPoliciesTest {
    private static final String RULE = "prod-gpu-pools-disruption-safe";

    @Test
    void prodPoolWithABudgetAndTheDefaultDelay_passes() {
        assertThat(verdict(evaluate(PROD, false), RULE).status()).isEqualTo(Verdict.Status.PASS);
    }

    @Test
    void prodPoolWithoutABudget_fails() {
        var v = verdict(evaluate(PROD.replace(", karpenter: {budgets: [{nodes: \"1\"}]}", ""), false), RULE);
        assertThat(v.status()).isEqualTo(Verdict.Status.FAIL);
        assertThat(v.violations()).hasSize(1);
        assertThat(v.violations().get(0).resource()).contains("derrick:clusters[0].nodePools[0].karpenter").contains("train/h100");
        assertThat(v.violations().get(0).why()).contains("no disruption budget");
    }

    @Test
    void prodPoolThatConsolidatesWithinMinutes_fails_neverPasses() {
        var quick = verdict(evaluate(PROD.replace("karpenter: {budgets:", "karpenter: {consolidateAfter: 2m, budgets:"), false), RULE);
        assertThat(quick.status()).isEqualTo(Verdict.Status.FAIL);
        assertThat(quick.violations().get(0).why()).contains("consolidateAfter 2m");
        assertThat(verdict(evaluate(PROD.replace("karpenter: {budgets:", "karpenter: {consolidateAfter: 4m60s, budgets:"), false), RULE).status())
                .as("4m60s is 5 minutes").isEqualTo(Verdict.Status.PASS);
        assertThat(verdict(evaluate(PROD.replace("karpenter: {budgets:", "karpenter: {consolidateAfter: Never, budgets:"), false), RULE).status())
                .isEqualTo(Verdict.Status.PASS);
    }

    @Test
    void prodNodeGroupPools_andDevPools_areNotJudged() {
        assertThat(verdict(evaluate(PROD.replace(", karpenter: {budgets: [{nodes: \"1\"}]}", ", provisioner: node-group"), false), RULE).status())
                .isEqualTo(Verdict.Status.PASS);
        assertThat(verdict(evaluate(DEV, false), RULE).status()).isEqualTo(Verdict.Status.PASS);
    }

    @Test
    void devGpuUsesSpot_acceptsSpotPreferred() {
        assertThat(verdict(evaluate(DEV.replace("capacity: spot", "capacity: spot-preferred"), false), "dev-gpu-uses-spot").status())
                .isEqualTo(Verdict.Status.PASS);
    }

    @Test
    void seconds_readsKarpenterDurations() {
        assertThat(KarpenterPolicies.seconds("1h30m")).isEqualTo(5400);
        assertThat(KarpenterPolicies.seconds("45s")).isEqualTo(45);
        assertThat(KarpenterPolicies.seconds("Never")).isNull();
        assertThat(KarpenterPolicies.seconds("1d")).isNull();
    }
}
