package dev.derrick.policy;

import dev.derrick.plan.Plan;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.derrick.policy.PolicyFixtures.config;
import static dev.derrick.policy.PolicyFixtures.evaluate;
import static dev.derrick.policy.PolicyFixtures.plan;
import static dev.derrick.policy.PolicyFixtures.verdict;
import static dev.derrick.policy.PolicyFixtures.withInput;
import static org.assertj.core.api.Assertions.assertThat;

/** The plan-level policies on GCP and Azure components: a passing plan from the real program, failing ones edited. */
class CloudPlanPoliciesTest {
    static final String GCP = """
            config:
              derrick:environment: prod
              derrick:gcpProject: ml-test
              derrick:region: us-central1
              derrick:tags: {team: ml}
              derrick:clusters:
                - name: train
                  target: gcp
                  zones: [us-central1-a]
                  nodePools:
                    - {name: system, machineType: e2-standard-4, min: 1, max: 2}
                    - {name: l4, accelerator: l4, gpusPerNode: 1, min: 0, max: 2}
              derrick:objectStores: [{name: datasets, protect: true}]
              derrick:registries: [{name: models, protect: true}]
            """;

    static final String AZURE = """
            config:
              derrick:environment: prod
              derrick:region: eastus
              derrick:tags: {team: ml}
              derrick:clusters:
                - name: train
                  target: azure
                  zones: ["1"]
                  nodePools:
                    - {name: system, machineType: Standard_D4s_v5, min: 1, max: 2}
                    - {name: a10, accelerator: a10, gpusPerNode: 1, min: 0, max: 2}
              derrick:objectStores: [{name: datasets, protect: true}]
              derrick:registries: [{name: mlmodels, protect: true}]
            """;

    private static Plan without(Plan plan, String type) {
        return new Plan(plan.project(), plan.stack(), plan.resources().stream().filter(r -> !r.type().equals(type)).toList());
    }

    @Test
    void gcp_whenPlannedByTheRealProgram_passesEveryPlanPolicy() {
        var report = evaluate(GCP, true);
        assertThat(report.failures()).isEmpty();
        assertThat(verdict(report, "prod-data-protected").violations()).isEmpty();
    }

    @Test
    void gcpPublicAccess_whenPreventionInherited_fails() {
        var plan = withInput(plan(GCP), PlanPolicies.GCS_BUCKET, "publicAccessPrevention", "inherited");
        assertThat(verdict(PolicyFixtures.evaluate(config(GCP), plan), "object-store-public-access-blocked").status()).isEqualTo(Verdict.Status.FAIL);
    }

    @Test
    void gcpVersioning_whenDisabledInProd_fails() {
        var plan = withInput(plan(GCP), PlanPolicies.GCS_BUCKET, "versioning", Map.of("enabled", false));
        assertThat(verdict(PolicyFixtures.evaluate(config(GCP), plan), "object-store-versioned-in-prod").status()).isEqualTo(Verdict.Status.FAIL);
    }

    @Test
    void gcpScanOnPush_whenScanningApiMissing_fails() {
        var plan = without(plan(GCP), PlanPolicies.GCP_SERVICE);
        var v = verdict(PolicyFixtures.evaluate(config(GCP), plan), "registry-scan-on-push");
        assertThat(v.status()).isEqualTo(Verdict.Status.FAIL);
        assertThat(v.violations().get(0).why()).contains("Container Scanning API");
    }

    @Test
    void gcpImmutableTags_whenMutableInProd_fails() {
        var plan = withInput(plan(GCP), PlanPolicies.ARTIFACT_REPO, "dockerConfig", Map.of("immutableTags", false));
        assertThat(verdict(PolicyFixtures.evaluate(config(GCP), plan), "registry-immutable-tags-in-prod").status()).isEqualTo(Verdict.Status.FAIL);
    }

    @Test
    void gcpRequiredTags_whenLabelMissing_failsOnLabels() {
        var v = verdict(evaluate(GCP + "  derrick:policy: {requiredTags: [team, cost-center]}\n", true), "required-tags");
        assertThat(v.status()).isEqualTo(Verdict.Status.FAIL);
        assertThat(v.violations()).extracting(Violation::resource).anyMatch(r -> r.startsWith("gcp:storage/bucket:Bucket"));
    }

    @Test
    void gcpProdDataProtected_whenUnprotected_failsForBucketAndRepository() {
        var v = verdict(evaluate(GCP.replace("protect: true", "protect: false"), true), "prod-data-protected");
        assertThat(v.violations()).extracting(Violation::resource)
                .containsExactlyInAnyOrder("gcp:storage/bucket:Bucket datasets", "gcp:artifactregistry/repository:Repository models");
    }

    @Test
    void azure_whenPlanned_passesStorePoliciesAndFlagsWhatAcrCannotDo() {
        var report = evaluate(AZURE, true);
        assertThat(verdict(report, "object-store-public-access-blocked").status()).isEqualTo(Verdict.Status.PASS);
        assertThat(verdict(report, "object-store-versioned-in-prod").status()).isEqualTo(Verdict.Status.PASS);
        assertThat(verdict(report, "prod-data-protected").status()).isEqualTo(Verdict.Status.PASS);
        assertThat(verdict(report, "registry-scan-on-push").status()).isEqualTo(Verdict.Status.FAIL);
        assertThat(verdict(report, "registry-immutable-tags-in-prod").status()).isEqualTo(Verdict.Status.FAIL);
    }

    @Test
    void azureAcrPolicies_whenOverriddenToAdvisory_warnOnly() {
        var yaml = AZURE + "  derrick:policy: {overrides: {registry-scan-on-push: advisory, registry-immutable-tags-in-prod: advisory}}\n";
        var report = evaluate(yaml, true);
        assertThat(report.mandatoryFailed()).isFalse();
        assertThat(report.warnings()).hasSize(2);
    }

    @Test
    void azurePublicAccess_whenBlobPublicAccessAllowed_fails() {
        var plan = withInput(plan(AZURE), PlanPolicies.STORAGE_ACCOUNT, "allowBlobPublicAccess", true);
        assertThat(verdict(PolicyFixtures.evaluate(config(AZURE), plan), "object-store-public-access-blocked").status()).isEqualTo(Verdict.Status.FAIL);
    }

    @Test
    void azureVersioning_whenOffInProd_fails() {
        var plan = withInput(plan(AZURE), PlanPolicies.BLOB_SERVICE, "isVersioningEnabled", false);
        assertThat(verdict(PolicyFixtures.evaluate(config(AZURE), plan), "object-store-versioned-in-prod").status()).isEqualTo(Verdict.Status.FAIL);
    }
}
