package dev.derrick.tracking;

import dev.derrick.config.ConfigError;
import dev.derrick.config.LoaderTestSupport;
import dev.derrick.config.TestStacks;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tracking:} of a cluster: defaults, and a failing and a passing case per rule. TestStacks' aws stack has one store, datasets. */
class TrackingRulesTest extends LoaderTestSupport {
    private static final String TRACKING = "derrick:clusters[0].tracking";

    private static TestStacks.Stack aws(String tracking) {
        return TestStacks.valid().set(TRACKING, tracking);
    }

    @Test
    void load_withoutATrackingBlock_isOff() {
        assertThat(loads(TestStacks.valid()).clusters().get(0).tracking().enabled()).isFalse();
    }

    @Test
    void load_withAStoreOfTheClustersCloud_defaultsToAnInClusterDatabaseBehindAClusterIpWithoutAuth() {
        TrackingSpec t = loads(aws("{artifactStore: datasets}")).clusters().get(0).tracking();
        assertThat(t.enabled()).isTrue();
        assertThat(t.database()).isEqualTo(TrackingSpec.Database.IN_CLUSTER);
        assertThat(t.databaseSize()).isEqualTo("20Gi");
        assertThat(t.databaseInstances()).isEqualTo(2);
        assertThat(t.exposure()).isEqualTo(TrackingSpec.Exposure.CLUSTER_IP);
        assertThat(t.auth()).isEqualTo(TrackingSpec.Auth.NONE);
    }

    @Test
    void load_withAnIngress_defaultsToBasicAuth() {
        TrackingSpec t = loads(aws("{artifactStore: datasets, exposure: ingress, ingressHost: mlflow.ml.example.internal}")).clusters().get(0).tracking();
        assertThat(t.auth()).isEqualTo(TrackingSpec.Auth.BASIC);
    }

    @Test
    void validate_withoutArtifactStore_namesTheStoresOfTheCloud() {
        ConfigError e = onlyError(aws("{enabled: true}"));
        assertThat(e.path()).isEqualTo(TRACKING + ".artifactStore");
        assertThat(e.problem()).contains("required value is missing");
        assertThat(e.hint()).contains("artifactStore: datasets");
    }

    @Test
    void validate_withAnUnknownStore_listsTheKnownOnes() {
        ConfigError e = onlyError(aws("{artifactStore: modles}"));
        assertThat(e.path()).isEqualTo(TRACKING + ".artifactStore");
        assertThat(e.value()).isEqualTo("\"modles\"");
        assertThat(e.hint()).contains("datasets");
    }

    @Test
    void validate_withAStoreOnAnotherCloud_isRefused() {
        var stack = aws("{artifactStore: models}").set("derrick:objectStores[1]", "{name: models, target: gcp, region: us-central1}")
                .set("derrick:gcpProject", "ml-prod-123456");
        ConfigError e = onlyError(stack);
        assertThat(e.path()).isEqualTo(TRACKING + ".artifactStore");
        assertThat(e.problem()).contains("store models is on gcp, cluster train on aws");
        assertThat(e.hint()).contains("datasets").doesNotContain("models");
    }

    @Test
    void validate_onprem_takesOnlyTheInClusterStoreOfTheSameCluster() {
        var stack = TestStacks.validOnprem()
                .set("derrick:kubeconfigs.lab2", "{secure: CIPHERTEXT-lab2}")
                .set("derrick:clusters[1]", "{name: lab2, target: onprem, nodePools: [{name: system, nodes: [cpu-02]}]}")
                .set("derrick:objectStores[1]", "{name: models, target: onprem, cluster: lab2, versioning: false}")
                .set("derrick:objectStores[2]", "{name: lab-models, target: onprem, cluster: lab, versioning: false}");
        ConfigError other = onlyError(stack.set(TRACKING, "{artifactStore: models}"));
        assertThat(other.problem()).contains("runs in cluster lab2");
        assertThat(other.hint()).isEqualTo("use one of: lab-models");
        ConfigError endpoint = onlyError(stack.set(TRACKING, "{artifactStore: datasets}"));
        assertThat(endpoint.problem()).contains("existing S3-compatible endpoint");
        assertThat(loads(stack.set(TRACKING, "{artifactStore: lab-models}")).clusters().get(0).tracking().artifactStore()).isEqualTo("lab-models");
    }

    @Test
    void validate_anIngressWithoutAuth_isRefused() {
        ConfigError e = onlyError(aws("{artifactStore: datasets, exposure: ingress, ingressHost: mlflow.example.internal, auth: none}"));
        assertThat(e.path()).isEqualTo(TRACKING + ".auth");
        assertThat(e.value()).isEqualTo("\"none\"");
        assertThat(e.problem()).contains("without authentication");
    }

    @Test
    void validate_anIngressWithoutHost_andAHostWithoutIngress_areRefused() {
        assertThat(onlyError(aws("{artifactStore: datasets, exposure: ingress}")).path()).isEqualTo(TRACKING + ".ingressHost");
        ConfigError e = onlyError(aws("{artifactStore: datasets, ingressHost: mlflow.example.internal}"));
        assertThat(e.path()).isEqualTo(TRACKING + ".ingressHost");
        assertThat(e.problem()).contains("only applies to exposure: ingress");
    }

    @Test
    void validate_anInternalLoadBalancerOnprem_isRefusedButAcceptedOnACloud() {
        var onprem = TestStacks.validOnprem().set("derrick:objectStores[1]", "{name: models, target: onprem, cluster: lab, versioning: false}")
                .set(TRACKING, "{artifactStore: models, exposure: internal-load-balancer}");
        assertThat(onlyError(onprem).path()).isEqualTo(TRACKING + ".exposure");
        assertThat(loads(aws("{artifactStore: datasets, exposure: internal-load-balancer}")).clusters().get(0).tracking().auth())
                .isEqualTo(TrackingSpec.Auth.BASIC);
    }

    @Test
    void validate_externalDatabase_needsItsSecretAndTakesNoInClusterSettings() {
        assertThat(onlyError(aws("{artifactStore: datasets, database: external}")).path()).isEqualTo(TRACKING + ".databaseSecret");
        ConfigError e = onlyError(aws("{artifactStore: datasets, database: external, databaseSecret: mlflow-postgres, databaseSize: 50Gi}"));
        assertThat(e.path()).isEqualTo(TRACKING + ".databaseSize");
        TrackingSpec t = loads(aws("{artifactStore: datasets, database: external, databaseSecret: mlflow-postgres}")).clusters().get(0).tracking();
        assertThat(t.inClusterDatabase()).isFalse();
        assertThat(t.databaseSize()).isNull();
    }

    @Test
    void validate_inClusterDatabase_refusesASecretABadSizeAndZeroInstances() {
        assertThat(onlyError(aws("{artifactStore: datasets, databaseSecret: pg}")).path()).isEqualTo(TRACKING + ".databaseSecret");
        assertThat(onlyError(aws("{artifactStore: datasets, databaseSize: \"20\"}")).path()).isEqualTo(TRACKING + ".databaseSize");
        assertThat(onlyError(aws("{artifactStore: datasets, databaseInstances: 0}")).path()).isEqualTo(TRACKING + ".databaseInstances");
    }

    @Test
    void load_anUnknownKeyOrValue_isReportedWithItsPath() {
        List<ConfigError> errors = errors(aws("{artifactStore: datasets, exposure: public, artefactStore: x}"));
        assertThat(errors).extracting(ConfigError::path).contains(TRACKING + ".exposure", TRACKING + ".artefactStore");
    }
}
