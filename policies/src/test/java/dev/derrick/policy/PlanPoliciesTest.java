package dev.derrick.policy;

import dev.derrick.plan.Plan;
import dev.derrick.plan.PlannedResource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static dev.derrick.policy.PolicyFixtures.DEV;
import static dev.derrick.policy.PolicyFixtures.PROD;
import static dev.derrick.policy.PolicyFixtures.config;
import static dev.derrick.policy.PolicyFixtures.evaluate;
import static dev.derrick.policy.PolicyFixtures.plan;
import static dev.derrick.policy.PolicyFixtures.verdict;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Passing cases come from the real program's plan; failing cases take that plan and change the
 * one registration the policy looks at (Derrick's own components cannot produce them).
 */
class PlanPoliciesTest {
    private static Plan edit(Plan plan, String type, UnaryOperator<PlannedResource> change) {
        var out = new ArrayList<PlannedResource>();
        for (PlannedResource r : plan.resources()) {
            out.add(r.type().equals(type) ? change.apply(r) : r);
        }
        return new Plan(plan.project(), plan.stack(), out);
    }

    private static Plan drop(Plan plan, String type) {
        return new Plan(plan.project(), plan.stack(), plan.resources().stream().filter(r -> !r.type().equals(type)).toList());
    }

    private static PlannedResource withInput(PlannedResource r, String key, Object value) {
        Map<String, Object> inputs = new LinkedHashMap<>(r.inputs());
        inputs.put(key, value);
        return new PlannedResource(r.urn(), r.type(), r.name(), r.parent(), r.custom(), r.provider(), inputs, r.protect(),
                r.retainOnDelete(), r.dependencies(), r.aliases());
    }

    private static PlannedResource unprotected(PlannedResource r) {
        return new PlannedResource(r.urn(), r.type(), r.name(), r.parent(), r.custom(), r.provider(), r.inputs(), false,
                false, r.dependencies(), r.aliases());
    }

    @Test
    void everyPlanPolicy_whenProdPlannedByTheRealProgram_passes() {
        var report = evaluate(PROD, true);
        assertThat(report.failures()).isEmpty();
        assertThat(report.verdicts()).hasSize(PolicyPack.all().size());
    }

    @Test
    void encrypted_whenEncryptionConfigMissing_fails() {
        var report = PolicyFixtures.evaluate(config(DEV), drop(plan(DEV), PlanPolicies.SSE));
        assertThat(verdict(report, "object-store-encrypted").status()).isEqualTo(Verdict.Status.FAIL);
    }

    @Test
    void publicAccessBlocked_whenOneFlagFalse_fails() {
        var plan = edit(plan(DEV), PlanPolicies.PUBLIC_ACCESS, r -> withInput(r, "restrictPublicBuckets", false));
        var v = verdict(PolicyFixtures.evaluate(config(DEV), plan), "object-store-public-access-blocked");
        assertThat(v.status()).isEqualTo(Verdict.Status.FAIL);
        assertThat(v.violations().get(0).resource()).isEqualTo("datasets");
    }

    @Test
    void versionedInProd_whenProdVersioningMissing_fails() {
        var report = PolicyFixtures.evaluate(config(PROD), drop(plan(PROD), PlanPolicies.VERSIONING));
        assertThat(verdict(report, "object-store-versioned-in-prod").status()).isEqualTo(Verdict.Status.FAIL);
    }

    @Test
    void versionedInProd_whenDevUnversioned_passes() {
        var yaml = DEV.replace("[{name: datasets}]", "[{name: datasets, versioning: false}]");
        assertThat(verdict(evaluate(yaml, true), "object-store-versioned-in-prod").status()).isEqualTo(Verdict.Status.PASS);
    }

    @Test
    void scanOnPush_whenOff_fails() {
        var yaml = DEV.replace("[{name: ml/training}]", "[{name: ml/training, scanOnPush: false}]");
        var v = verdict(evaluate(yaml, true), "registry-scan-on-push");
        assertThat(v.status()).isEqualTo(Verdict.Status.FAIL);
        assertThat(v.violations().get(0).resource()).isEqualTo("ml/training");
    }

    @Test
    void immutableTagsInProd_whenProdMutable_fails() {
        var yaml = PROD.replace("[{name: ml/training, protect: true}]", "[{name: ml/training, protect: true, immutableTags: false}]");
        assertThat(verdict(evaluate(yaml, true), "registry-immutable-tags-in-prod").status()).isEqualTo(Verdict.Status.FAIL);
    }

    @Test
    void immutableTagsInProd_whenDevMutable_passes() {
        var yaml = DEV.replace("[{name: ml/training}]", "[{name: ml/training, immutableTags: false}]");
        assertThat(verdict(evaluate(yaml, true), "registry-immutable-tags-in-prod").status()).isEqualTo(Verdict.Status.PASS);
    }

    @Test
    void requiredTags_whenATagIsMissing_failsNamingIt() {
        var yaml = DEV + "  derrick:policy: {requiredTags: [team, cost-center]}\n";
        var v = verdict(evaluate(yaml, true), "required-tags");
        assertThat(v.status()).isEqualTo(Verdict.Status.FAIL);
        assertThat(v.violations().get(0).why()).isEqualTo("missing tags [cost-center]");
    }

    @Test
    void requiredTags_whenAllPresent_passes() {
        assertThat(verdict(evaluate(PROD + "  derrick:policy: {requiredTags: [team, cost-center]}\n", true), "required-tags").status())
                .isEqualTo(Verdict.Status.PASS);
    }

    @Test
    void prodDataProtected_whenBucketUnprotected_fails() {
        var plan = edit(plan(PROD), PlanPolicies.BUCKET, PlanPoliciesTest::unprotected);
        var v = verdict(PolicyFixtures.evaluate(config(PROD), plan), "prod-data-protected");
        assertThat(v.status()).isEqualTo(Verdict.Status.FAIL);
        assertThat(v.violations()).extracting(Violation::resource).containsExactly("aws:s3/bucketV2:BucketV2 datasets");
    }

    @Test
    void prodDataProtected_whenStoresUnprotectedInProdConfig_failsForStoreAndRegistry() {
        var yaml = PROD.replace("protect: true", "protect: false");
        var v = verdict(evaluate(yaml, true), "prod-data-protected");
        assertThat(v.violations()).hasSize(2);
        List<String> kinds = v.violations().stream().map(Violation::resource).toList();
        assertThat(kinds).anyMatch(k -> k.startsWith("aws:ecr/repository:Repository"));
    }
}
