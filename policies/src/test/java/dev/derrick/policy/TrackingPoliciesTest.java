package dev.derrick.policy;

import dev.derrick.plan.Plan;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.derrick.policy.PolicyFixtures.PROD;
import static dev.derrick.policy.PolicyFixtures.config;
import static dev.derrick.policy.PolicyFixtures.evaluate;
import static dev.derrick.policy.PolicyFixtures.plan;
import static dev.derrick.policy.PolicyFixtures.verdict;
import static org.assertj.core.api.Assertions.assertThat;

class TrackingPoliciesTest {
    /** PROD with a tracking server behind an ingress (basic auth by default) keeping artifacts in the datasets store. */
    private static final String TRACKING = PROD.replace("""
                    - {name: system, machineType: m6i.xlarge, min: 1, max: 2}
            """, """
                    - {name: system, machineType: m6i.xlarge, min: 1, max: 2}
                  tracking: {artifactStore: datasets, exposure: ingress, ingressHost: mlflow.example.internal}
            """);

    private static Plan planned;

    private static synchronized Plan planned() {
        if (planned == null) {
            planned = plan(TRACKING);
        }
        return planned;
    }

    @Test
    void notPublic_whenPlannedByDerrickWithAnIngressAndBasicAuth_passes() {
        assertThat(planned().resources()).anyMatch(r -> r.type().equals(TrackingPolicies.INGRESS));
        assertThat(verdict(PolicyFixtures.evaluate(config(TRACKING), planned()), "tracking-server-not-public").status()).isEqualTo(Verdict.Status.PASS);
    }

    @Test
    void notPublic_whenTheServerRunsWithoutAuthBehindTheIngress_fails() {
        Plan p = PolicyFixtures.withInput(planned(), TrackingPolicies.DEPLOYMENT, "spec", Map.of("template", Map.of("spec", Map.of("containers",
                List.of(Map.of("name", "mlflow", "args", List.of("server")))))));
        var v = verdict(PolicyFixtures.evaluate(config(TRACKING), p), "tracking-server-not-public");
        assertThat(v.status()).isEqualTo(Verdict.Status.FAIL);
        assertThat(v.violations()).singleElement().satisfies(x -> assertThat(x.why()).contains("Ingress without authentication"));
    }

    @Test
    void notPublic_whenTheServiceIsAPublicLoadBalancer_fails() {
        Plan p = PolicyFixtures.withInput(planned(), TrackingPolicies.SERVICE, "spec", Map.of("type", "LoadBalancer"));
        var v = verdict(PolicyFixtures.evaluate(config(TRACKING), p), "tracking-server-not-public");
        assertThat(v.status()).isEqualTo(Verdict.Status.FAIL);
        assertThat(v.violations()).singleElement().satisfies(x -> assertThat(x.resource()).endsWith("train-tracking-service"));
    }

    @Test
    void modelBucketsVersioned_whenTheArtifactStoreVersions_passes() {
        assertThat(verdict(evaluate(TRACKING, false), "model-buckets-versioned-in-prod").status()).isEqualTo(Verdict.Status.PASS);
    }

    @Test
    void modelBucketsVersioned_inProdWithoutVersioning_failsOnTheStore() {
        var v = verdict(evaluate(TRACKING.replace("{name: datasets, protect: true}", "{name: datasets, protect: true, versioning: false}"), false),
                "model-buckets-versioned-in-prod");
        assertThat(v.status()).isEqualTo(Verdict.Status.FAIL);
        assertThat(v.violations()).singleElement().satisfies(x -> assertThat(x.resource()).isEqualTo("derrick:objectStores[0] (datasets)"));
    }
}
