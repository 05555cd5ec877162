package dev.derrick.policy;

import dev.derrick.plan.Plan;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.derrick.policy.PolicyFixtures.config;
import static dev.derrick.policy.PolicyFixtures.evaluate;
import static dev.derrick.policy.PolicyFixtures.plan;
import static dev.derrick.policy.PolicyFixtures.verdict;
import static dev.derrick.policy.PolicyFixtures.withInput;
import static org.assertj.core.api.Assertions.assertThat;

/** The policies on on-prem clusters, stores and registries: a passing plan from the real program, failing ones edited. */
class OnpremPoliciesTest {
    /** Prod on-prem: a bucket on an existing S3-compatible endpoint and zot in the cluster, both protected. */
    static final String ONPREM = """
            config:
              derrick:environment: prod
              derrick:tags: {team: ml}
              derrick:kubeconfigs:
                lab: {secure: CIPHERTEXT}
              derrick:clusters:
                - name: lab
                  target: onprem
                  nodePools:
                    - {name: h100, accelerator: h100-80gb, gpusPerNode: 8, nodes: [dgx-01, dgx-02]}
              derrick:objectStores: [{name: datasets, endpoint: "https://s3.lab.example:9000", protect: true}]
              derrick:registries: [{name: ml/training, protect: true}]
            """;

    /** The same lab with an in-cluster store in place of the endpoint. */
    static final String IN_CLUSTER = ONPREM.replace("{name: datasets, endpoint: \"https://s3.lab.example:9000\", protect: true}",
            "{name: scratch, versioning: false, protect: true}");

    @Test
    void onprem_whenPlannedByTheRealProgram_passesEveryStoreAndDataPolicy() {
        var report = evaluate(ONPREM, true);

        for (String id : List.of("object-store-encrypted", "object-store-public-access-blocked", "object-store-versioned-in-prod",
                "prod-data-protected", "registry-scan-on-push", "gpu-pools-tainted", "hourly-budget", "prod-endpoint-restricted")) {
            assertThat(verdict(report, id).status()).as(id).isEqualTo(Verdict.Status.PASS);
        }
    }

    @Test
    void s3Compatible_whenAclIsPublicRead_failsPublicAccess() {
        var plan = withInput(plan(ONPREM), PlanPolicies.BUCKET_ACL, "acl", "public-read");

        assertThat(verdict(PolicyFixtures.evaluate(config(ONPREM), plan), "object-store-public-access-blocked").status()).isEqualTo(Verdict.Status.FAIL);
    }

    @Test
    void s3Compatible_whenNoDefaultEncryption_failsEncryption() {
        var base = plan(ONPREM);
        var plan = new Plan(base.project(), base.stack(), base.resources().stream().filter(r -> !r.type().equals(PlanPolicies.SSE)).toList());

        assertThat(verdict(PolicyFixtures.evaluate(config(ONPREM), plan), "object-store-encrypted").status()).isEqualTo(Verdict.Status.FAIL);
    }

    @Test
    void s3Compatible_whenUnversionedInProd_failsVersioning() {
        var yaml = ONPREM.replace("endpoint: \"https://s3.lab.example:9000\", protect: true}", "endpoint: \"https://s3.lab.example:9000\", protect: true, versioning: false}");

        assertThat(verdict(evaluate(yaml, true), "object-store-versioned-in-prod").status()).isEqualTo(Verdict.Status.FAIL);
    }

    @Test
    void inCluster_whenInProd_isEncryptedAndPrivateButFailsVersioning() {
        var report = evaluate(IN_CLUSTER, true);

        assertThat(verdict(report, "object-store-encrypted").status()).isEqualTo(Verdict.Status.PASS);
        assertThat(verdict(report, "object-store-public-access-blocked").status()).isEqualTo(Verdict.Status.PASS);
        assertThat(verdict(report, "prod-data-protected").status()).isEqualTo(Verdict.Status.PASS);
        var versioned = verdict(report, "object-store-versioned-in-prod");
        assertThat(versioned.status()).isEqualTo(Verdict.Status.FAIL);
        assertThat(versioned.violations()).extracting(Violation::resource).containsExactly("lab-object-store");
    }

    @Test
    void inCluster_whenBucketReadableAnonymously_failsPublicAccess() {
        var plan = withInput(plan(IN_CLUSTER), PlanPolicies.HELM_RELEASE, "values",
                Map.of("filer", Map.of("encryptVolumeData", true, "s3", Map.of("enableAuth", true,
                        "createBuckets", List.of(Map.of("name", "scratch", "anonymousRead", true))))));

        assertThat(verdict(PolicyFixtures.evaluate(config(IN_CLUSTER), plan), "object-store-public-access-blocked").status()).isEqualTo(Verdict.Status.FAIL);
    }

    @Test
    void inClusterDataAndRegistry_whenUnprotectedInProd_failProtection() {
        var v = verdict(evaluate(IN_CLUSTER.replace("protect: true", "protect: false"), true), "prod-data-protected");

        assertThat(v.violations()).extracting(Violation::resource)
                .containsExactlyInAnyOrder("derrick:onprem:InClusterObjectStore lab-object-store", "derrick:onprem:OciRegistry lab-registry");
    }

    @Test
    void zot_whenNotScanning_failsScanOnPush() {
        var v = verdict(evaluate(ONPREM.replace("{name: ml/training, protect: true}", "{name: ml/training, protect: true, scanOnPush: false}"), true),
                "registry-scan-on-push");

        assertThat(v.status()).isEqualTo(Verdict.Status.FAIL);
        assertThat(v.violations().get(0).why()).contains("zot does not scan images");
    }

    @Test
    void zot_whenInProd_reportsNoTagImmutabilityUnlessAdvisory() {
        assertThat(verdict(evaluate(ONPREM, true), "registry-immutable-tags-in-prod").status()).isEqualTo(Verdict.Status.FAIL);
        var advisory = evaluate(ONPREM + "  derrick:policy: {overrides: {registry-immutable-tags-in-prod: advisory}}\n", true);
        assertThat(advisory.mandatoryFailed()).isFalse();
        assertThat(advisory.warnings()).hasSize(1);
    }

    @Test
    void existingRegistryByUrl_whenInProd_isNotDerricksToJudge() {
        var yaml = ONPREM.replace("{name: ml/training, protect: true}", "{name: ml/base, url: \"registry.lab.example:5000/ml/base\"}");
        var report = evaluate(yaml, true);

        assertThat(verdict(report, "registry-immutable-tags-in-prod").status()).isEqualTo(Verdict.Status.PASS);
        assertThat(verdict(report, "registry-scan-on-push").status()).isEqualTo(Verdict.Status.PASS);
    }

    @Test
    void gpuBudget_whenOnpremGpusExceedIt_fails() {
        var v = verdict(evaluate(ONPREM + "  derrick:policy: {budget: {maxGpus: 8}}\n", false), "gpu-budget");

        assertThat(v.status()).isEqualTo(Verdict.Status.FAIL);
        assertThat(v.violations().get(0).why()).contains("16 GPUs at max scale exceed the budget of 8");
    }

    @Test
    void devGpuUsesSpot_whenOnpremInDev_passes() {
        assertThat(verdict(evaluate(ONPREM.replace("environment: prod", "environment: dev"), false), "dev-gpu-uses-spot").status())
                .isEqualTo(Verdict.Status.PASS);
    }

    @Test
    void hourlyBudget_whenOnlyOnpremPools_passesWithoutUnpricedWarnings() {
        var v = verdict(evaluate(ONPREM + "  derrick:policy: {budget: {maxHourlyUsd: 1}}\n", false), "hourly-budget");

        assertThat(v.status()).isEqualTo(Verdict.Status.PASS);
    }
}
