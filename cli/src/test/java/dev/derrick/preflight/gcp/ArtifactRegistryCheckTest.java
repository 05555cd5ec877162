package dev.derrick.preflight.gcp;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.derrick.preflight.CheckLimits;
import dev.derrick.preflight.CheckResult;
import dev.derrick.preflight.CheckRunner;
import dev.derrick.preflight.StackOutputs;
import dev.derrick.preflight.Status;
import dev.derrick.preflight.StubControlPlane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Artifact Registry checks against WireMock stubs shaped like the documented v1 Repository,
 * read 2026-12-05 (https://cloud.google.com/artifact-registry/docs/reference/rest/v1/projects.locations.repositories#Repository:
 * {@code name, format, labels, dockerConfig.immutableTags, cleanupPolicies} keyed by id with
 * {@code action, condition.tagState/olderThan} or {@code mostRecentVersions.keepCount}, {@code cleanupPolicyDryRun}).
 */
class ArtifactRegistryCheckTest {
    static final CheckLimits LIMITS = new CheckLimits(8, Duration.ofSeconds(30), 2);   // no timeout is tested here: a long limit keeps a loaded machine from turning a slow first call into UNKNOWN
    static final String REPO = "/v1/projects/derrick-test/locations/us-central1/repositories/ml-training";
    @RegisterExtension
    static final StubControlPlane STUB = new StubControlPlane("Pulumi.gcp-registry.yaml");

    private static CheckResult run(boolean verify, Map<String, String> outputs) {
        var values = new java.util.HashMap<String, com.fasterxml.jackson.databind.JsonNode>();
        outputs.forEach((k, v) -> values.put(k, TextNode.valueOf(v)));
        try (var gcp = GcpChecks.create(STUB.uri(), GcpChecksTest.credentials("test-token"), LIMITS)) {
            var checks = verify ? gcp.verify(STUB.config(), new StackOutputs(values)) : gcp.preflight(STUB.config());
            List<CheckResult> results = new CheckRunner(LIMITS, r -> { }).run(checks).results();
            assertThat(results).hasSize(1);
            return results.get(0);
        }
    }

    private static void repo(String labels, boolean immutable, String olderThan, int keep) {
        STUB.server().stubFor(get(urlPathEqualTo(REPO)).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"name\":\"projects/derrick-test/locations/us-central1/repositories/ml-training\",\"format\":\"DOCKER\","
                        + "\"labels\":{" + labels + "},\"dockerConfig\":{\"immutableTags\":" + immutable + "},"
                        + "\"cleanupPolicies\":{\"delete-untagged\":{\"id\":\"delete-untagged\",\"action\":\"DELETE\",\"condition\":{\"tagState\":\"UNTAGGED\","
                        + "\"olderThan\":\"" + olderThan + "\"}},\"keep-newest\":{\"id\":\"keep-newest\",\"action\":\"KEEP\",\"mostRecentVersions\":{\"keepCount\":" + keep + "}},"
                        + "\"delete-beyond-newest\":{\"id\":\"delete-beyond-newest\",\"action\":\"DELETE\",\"condition\":{\"tagState\":\"ANY\"}}},"
                        + "\"cleanupPolicyDryRun\":false,\"createTime\":\"2026-11-01T10:00:00Z\",\"updateTime\":\"2026-11-01T10:00:00Z\"}")));
    }

    @Test
    void preflight_free_passes_derricksOwn_passes_someoneElses_fails() {
        CheckResult free = run(false, Map.of());
        repo("\"managed-by\":\"derrick\",\"environment\":\"staging\"", true, "604800s", 50);
        CheckResult ours = run(false, Map.of());
        repo("\"team\":\"data\"", false, "86400s", 5);
        CheckResult theirs = run(false, Map.of());

        assertThat(free.status()).isEqualTo(Status.PASS);
        assertThat(free.detail()).isEqualTo("free: pulumi up creates it");
        assertThat(ours.status()).isEqualTo(Status.PASS);
        assertThat(ours.detail()).startsWith("exists, managed by Derrick (environment staging)");
        assertThat(theirs.status()).isEqualTo(Status.FAIL);
        assertThat(theirs.detail()).contains("not created by Derrick");
        assertThat(theirs.fix()).contains("pulumi import gcp:artifactregistry/repository:Repository");
    }

    @Test
    void verify_asConfigured_passes_andDrift_fails() {
        var outputs = Map.of("ml-training.repositoryUrl", "us-central1-docker.pkg.dev/derrick-test/ml-training");
        repo("\"managed-by\":\"derrick\"", true, "604800s", 50);
        CheckResult ok = run(true, outputs);
        repo("\"managed-by\":\"derrick\"", false, "86400s", 50);
        CheckResult drift = run(true, outputs);

        assertThat(ok.status()).as(ok.detail()).isEqualTo(Status.PASS);
        assertThat(ok.detail()).isEqualTo("tags immutable, untagged deleted after 7 days, newest 50 kept");
        assertThat(drift.status()).isEqualTo(Status.FAIL);
        assertThat(drift.detail()).isEqualTo("tags mutable, expected immutable; delete-untagged after 86400s, expected 604800s");
    }
}
