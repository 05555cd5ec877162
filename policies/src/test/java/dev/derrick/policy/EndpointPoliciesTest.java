package dev.derrick.policy;

import org.junit.jupiter.api.Test;

import static dev.derrick.policy.PolicyFixtures.DEV;
import static dev.derrick.policy.PolicyFixtures.PROD;
import static dev.derrick.policy.PolicyFixtures.evaluate;
import static dev.derrick.policy.PolicyFixtures.verdict;
import static org.assertj.core.api.Assertions.assertThat;

/** prod-endpoint-restricted: a production cluster's public endpoint never admits 0.0.0.0/0. */
class EndpointPoliciesTest {
    private static final String RULE = "prod-endpoint-restricted";

    private static String prodPublic(String networks) {
        return PROD.replace("endpointAccess: private", "endpointAccess: public-and-private\n      authorizedNetworks: " + networks);
    }

    @Test
    void prodPublicEndpointOpenToTheInternet_fails() {
        var v = verdict(evaluate(prodPublic("[203.0.113.0/24, 0.0.0.0/0]"), false), RULE);
        assertThat(v.status()).isEqualTo(Verdict.Status.FAIL);
        assertThat(v.violations()).hasSize(1);
        assertThat(v.violations().get(0).resource()).isEqualTo("derrick:clusters[0].authorizedNetworks[1] (train)");
        assertThat(v.violations().get(0).why()).contains("0.0.0.0/0");
    }

    @Test
    void prodPublicEndpointRestricted_andProdPrivate_pass() {
        assertThat(verdict(evaluate(prodPublic("[203.0.113.0/24]"), false), RULE).status()).isEqualTo(Verdict.Status.PASS);
        assertThat(verdict(evaluate(PROD, false), RULE).status()).isEqualTo(Verdict.Status.PASS);
    }

    @Test
    void devOpenToTheInternet_isNotJudged() {
        assertThat(DEV).contains("authorizedNetworks: [0.0.0.0/0]");
        assertThat(verdict(evaluate(DEV, false), RULE).status()).isEqualTo(Verdict.Status.PASS);
    }
}
