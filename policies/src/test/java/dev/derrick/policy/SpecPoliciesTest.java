package dev.derrick.policy;

import dev.derrick.catalog.Catalog;
import dev.derrick.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static dev.derrick.policy.PolicyFixtures.DEV;
import static dev.derrick.policy.PolicyFixtures.PROD;
import static dev.derrick.policy.PolicyFixtures.config;
import static dev.derrick.policy.PolicyFixtures.evaluate;
import static dev.derrick.policy.PolicyFixtures.verdict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpecPoliciesTest {
    @Test
    void gpuPoolsTainted_whenTaintKept_passes() {
        assertThat(verdict(evaluate(DEV, false), "gpu-pools-tainted").status()).isEqualTo(Verdict.Status.PASS);
    }

    @Test
    void gpuPoolsTainted_whenTaintRemoved_fails() {
        var v = verdict(evaluate(DEV.replace("capacity: spot,", "capacity: spot, gpuTaint: false,"), false), "gpu-pools-tainted");
        assertThat(v.status()).isEqualTo(Verdict.Status.FAIL);
        assertThat(v.violations().get(0).resource()).contains("derrick:clusters[0].nodePools[1]").contains("train/gpu");
    }

    @Test
    void gpuPoolsTainted_whenFlagOffButOwnGpuTaintRendered_passes() {
        var yaml = DEV.replace("capacity: spot,", "capacity: spot, gpuTaint: false, taints: [{key: nvidia.com/gpu, value: Exists, effect: NoSchedule}],");
        assertThat(verdict(evaluate(yaml, false), "gpu-pools-tainted").status()).isEqualTo(Verdict.Status.PASS);
    }

    @Test
    void gpuPoolsTainted_whenOnlyOtherTaintsRendered_fails() {
        var yaml = DEV.replace("capacity: spot,", "capacity: spot, gpuTaint: false, taints: [{key: dedicated, value: gpu}],");
        var v = verdict(evaluate(yaml, false), "gpu-pools-tainted");
        assertThat(v.status()).isEqualTo(Verdict.Status.FAIL);
        assertThat(v.violations().get(0).fix()).contains("{key: nvidia.com/gpu, effect: NoSchedule}");
    }

    @Test
    void devGpuUsesSpot_whenSpot_passes() {
        assertThat(verdict(evaluate(DEV, false), "dev-gpu-uses-spot").status()).isEqualTo(Verdict.Status.PASS);
    }

    @Test
    void devGpuUsesSpot_whenOnDemandInDev_fails() {
        var v = verdict(evaluate(DEV.replace("capacity: spot", "capacity: on-demand"), false), "dev-gpu-uses-spot");
        assertThat(v.status()).isEqualTo(Verdict.Status.FAIL);
        assertThat(v.violations().get(0).fix()).isEqualTo("set capacity: spot (or spot-preferred on a Karpenter pool)");
    }

    @Test
    void devGpuUsesSpot_whenOnDemandInProd_passes() {
        assertThat(verdict(evaluate(PROD, false), "dev-gpu-uses-spot").status()).isEqualTo(Verdict.Status.PASS);
    }

    @Test
    void gpuBudget_whenWithinBudget_passes() {
        var yaml = PROD + "  derrick:policy: {budget: {maxGpus: 16}}\n";
        assertThat(verdict(evaluate(yaml, false), "gpu-budget").status()).isEqualTo(Verdict.Status.PASS);
    }

    @Test
    void gpuBudget_whenMaxScaleExceedsBudget_failsWithTheCount() {
        var yaml = PROD + "  derrick:policy: {budget: {maxGpus: 15}}\n";
        var v = verdict(evaluate(yaml, false), "gpu-budget");
        assertThat(v.status()).isEqualTo(Verdict.Status.FAIL);
        assertThat(v.violations().get(0).why()).isEqualTo("16 GPUs at max scale exceed the budget of 15");
    }

    @Test
    void hourlyBudget_whenWithinBudget_passes() {
        var yaml = PROD + "  derrick:policy: {budget: {maxHourlyUsd: 110.47}}\n";
        assertThat(verdict(evaluate(yaml, false), "hourly-budget").status()).isEqualTo(Verdict.Status.PASS);
    }

    @Test
    void hourlyBudget_whenMaxScaleCostsMore_fails() {
        // 2 x p5.48xlarge at the catalog's $55.04/h + 2 x m6i.xlarge (the system pool) at $0.192/h = $110.464/h
        var yaml = PROD + "  derrick:policy: {budget: {maxHourlyUsd: 110}}\n";
        var v = verdict(evaluate(yaml, false), "hourly-budget");
        assertThat(v.status()).isEqualTo(Verdict.Status.FAIL);
        assertThat(v.violations().get(0).why()).isEqualTo("$110.46/h at max scale exceeds the budget of $110.00/h");
    }

    @Test
    void hourlyBudget_whenAPoolHasNoCatalogPrice_failsInsteadOfCountingZero() {
        // m7i.large is a valid EC2 type that the catalog does not price: the budget cannot be checked, so it must not pass.
        var yaml = PROD.replace("nodePools:\n", "nodePools:\n        - {name: cpu, machineType: m7i.large, min: 1, max: 2}\n")
                + "  derrick:policy: {budget: {maxHourlyUsd: 1000}}\n";
        var v = verdict(evaluate(yaml, false), "hourly-budget");
        assertThat(v.status()).isEqualTo(Verdict.Status.FAIL);
        assertThat(v.violations()).extracting(Violation::why).anySatisfy(w -> assertThat(w).contains("m7i.large has no catalog price"));
    }

    @Test
    void allowedRegions_whenUnset_passes() {
        assertThat(verdict(evaluate(DEV, false), "allowed-regions").status()).isEqualTo(Verdict.Status.PASS);
    }

    @Test
    void allowedRegions_whenClusterOutside_fails() {
        var yaml = DEV + "  derrick:policy: {allowedRegions: [eu-central-1]}\n";
        var v = verdict(evaluate(yaml, false), "allowed-regions");
        assertThat(v.status()).isEqualTo(Verdict.Status.FAIL);
        assertThat(v.violations()).extracting(Violation::resource)
                .contains("derrick:clusters[0].region", "derrick:objectStores[0].region", "derrick:registries[0].region");
    }

    @Test
    void kubernetesVersion_whenInStandardSupport_passes() {
        assertThat(verdict(evaluate(DEV, false), "kubernetes-version-supported").status()).isEqualTo(Verdict.Status.PASS);
    }

    @Test
    void kubernetesVersion_whenPastStandardSupport_failsWithTheDate() {
        var yaml = DEV.replace("target: aws", "target: aws\n      kubernetesVersion: \"1.33\"");
        var v = verdict(evaluate(yaml, false), "kubernetes-version-supported");
        assertThat(v.status()).isEqualTo(Verdict.Status.FAIL);
        assertThat(v.violations().get(0).why()).contains("left EKS standard support on 2026-07-29");
    }

    @Test
    void kubernetesVersion_whenJudgedBeforeItsEnd_passes() {
        var yaml = DEV.replace("target: aws", "target: aws\n      kubernetesVersion: \"1.33\"");
        var report = PolicyPack.evaluate(config(yaml), Catalog.bundled(), null, LocalDate.parse("2026-07-01"));
        assertThat(verdict(report, "kubernetes-version-supported").status()).isEqualTo(Verdict.Status.PASS);
    }

    @Test
    void override_whenAdvisory_warnsInsteadOfFailing() {
        var yaml = DEV.replace("capacity: spot", "capacity: on-demand") + "  derrick:policy: {overrides: {dev-gpu-uses-spot: advisory}}\n";
        var report = evaluate(yaml, false);
        assertThat(verdict(report, "dev-gpu-uses-spot").status()).isEqualTo(Verdict.Status.WARN);
        assertThat(report.mandatoryFailed()).isFalse();
    }

    @Test
    void override_whenDisabled_skipsThePolicy() {
        var yaml = DEV.replace("capacity: spot", "capacity: on-demand") + "  derrick:policy: {overrides: {dev-gpu-uses-spot: disabled}}\n";
        var v = verdict(evaluate(yaml, false), "dev-gpu-uses-spot");
        assertThat(v.status()).isEqualTo(Verdict.Status.SKIPPED);
        assertThat(v.violations()).isEmpty();
    }

    @Test
    void override_whenPolicyIdUnknown_isAConfigErrorWithSuggestion() {
        var yaml = DEV + "  derrick:policy: {overrides: {dev-gpu-use-spot: advisory}}\n";
        assertThatThrownBy(() -> evaluate(yaml, false)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("derrick:policy.overrides.dev-gpu-use-spot: unknown policy")
                .hasMessageContaining("did you mean dev-gpu-uses-spot?");
    }

    @Test
    void enforceSpec_whenMandatoryFails_throwsWithOneLinePerViolation() {
        var config = config(DEV.replace("capacity: spot", "capacity: on-demand"));
        assertThatThrownBy(() -> PolicyPack.enforceSpec(config, Catalog.bundled()))
                .isInstanceOf(PolicyViolationException.class)
                .hasMessageContaining("[FAIL] dev-gpu-uses-spot: derrick:clusters[0].nodePools[1] (train/gpu)");
    }

    @Test
    void enforceSpec_whenAllPass_returnsQuietly() {
        PolicyPack.enforceSpec(config(DEV), Catalog.bundled());
    }
}
