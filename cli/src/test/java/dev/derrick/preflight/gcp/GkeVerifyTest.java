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
 * GKE verify against WireMock stubs shaped like the documented GKE v1 resources, read 2026-12-05:
 * Cluster (https://cloud.google.com/kubernetes-engine/docs/reference/rest/v1/projects.locations.clusters#Cluster:
 * {@code name, status, currentMasterVersion}) and NodePool
 * (https://cloud.google.com/kubernetes-engine/docs/reference/rest/v1/projects.locations.clusters.nodePools#NodePool:
 * {@code name, status, autoscaling{enabled,totalMinNodeCount,totalMaxNodeCount,locationPolicy},
 * config{machineType, accelerators[{acceleratorCount (int64 string), acceleratorType}], spot}}).
 */
class GkeVerifyTest {
    static final CheckLimits LIMITS = new CheckLimits(8, Duration.ofSeconds(30), 2);   // no timeout is tested here: a long limit keeps a loaded machine from turning a slow first call into UNKNOWN
    static final String CLUSTER = "/v1/projects/derrick-test/locations/us-central1/clusters/staging-train";
    @RegisterExtension
    static final StubControlPlane STUB = new StubControlPlane("Pulumi.gcp-faults.yaml");

    private static List<CheckResult> verify(Map<String, String> outputs) {
        var values = new java.util.HashMap<String, com.fasterxml.jackson.databind.JsonNode>();
        outputs.forEach((k, v) -> values.put(k, TextNode.valueOf(v)));
        values.put("datasets.bucketName", TextNode.valueOf("derrick-stub-datasets"));
        try (var gcp = GcpChecks.create(STUB.uri(), GcpChecksTest.credentials("test-token"), LIMITS)) {
            return new CheckRunner(LIMITS, r -> { }).run(gcp.verify(STUB.config(), new StackOutputs(values))).results().stream()
                    .filter(r -> r.id().startsWith("gcp.gke")).toList();
        }
    }

    private static CheckResult only(List<CheckResult> results, String id, String subject) {
        var found = results.stream().filter(r -> r.id().equals(id) && r.subject().startsWith(subject)).toList();
        assertThat(found).as(results.toString()).hasSize(1);
        return found.get(0);
    }

    private static void stub(String path, String body) {
        STUB.server().stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));
    }

    private static void cluster(String status) {
        stub(CLUSTER, "{\"name\":\"staging-train\",\"location\":\"us-central1\",\"status\":\"" + status + "\","
                + "\"currentMasterVersion\":\"1.35.1-gke.1396000\",\"currentNodeVersion\":\"1.35.1-gke.1396000\",\"endpoint\":\"34.1.2.3\"}");
    }

    private static void pool(String name, String machineType, String accelerator, int count, boolean spot, int min, int max) {
        stub(CLUSTER + "/nodePools/" + name, "{\"name\":\"" + name + "\",\"status\":\"RUNNING\",\"version\":\"1.35.1-gke.1396000\","
                + "\"locations\":[\"us-central1-a\"],\"config\":{\"machineType\":\"" + machineType + "\",\"diskSizeGb\":200,"
                + (accelerator == null ? "" : "\"accelerators\":[{\"acceleratorCount\":\"" + count + "\",\"acceleratorType\":\"" + accelerator + "\"}],")
                + "\"spot\":" + spot + "},\"autoscaling\":{\"enabled\":true,\"totalMinNodeCount\":" + min + ",\"totalMaxNodeCount\":" + max
                + ",\"locationPolicy\":\"ANY\"},\"management\":{\"autoUpgrade\":true,\"autoRepair\":true}}");
    }

    @Test
    void verify_asDeployed_passesClusterAndEveryPool() {
        cluster("RUNNING");
        pool("system", "n2-standard-8", null, 0, false, 1, 2);
        pool("h100", "a3-highgpu-8g", "nvidia-h100-80gb", 8, false, 0, 2);
        pool("l4", "g2-standard-4", "nvidia-l4", 1, true, 0, 4);

        List<CheckResult> results = verify(Map.of("train.clusterName", "staging-train"));

        assertThat(results).allSatisfy(r -> assertThat(r.status()).as(r.subject() + ": " + r.detail()).isEqualTo(Status.PASS));
        assertThat(only(results, "gcp.gke-cluster", "train").detail()).isEqualTo("RUNNING, Kubernetes 1.35.1-gke.1396000");
        assertThat(only(results, "gcp.gke-nodepool", "train/l4").detail()).isEqualTo("RUNNING, 0..4 x g2-standard-4 with 1 x nvidia-l4, Spot");
    }

    @Test
    void verify_eachDrift_failsWithWhatDiffers() {
        cluster("RECONCILING");
        pool("system", "n2-standard-8", null, 0, false, 1, 2);
        pool("l4", "g2-standard-4", "nvidia-l4", 1, false, 0, 2);

        List<CheckResult> results = verify(Map.of("train.clusterName", "staging-train"));

        assertThat(only(results, "gcp.gke-cluster", "train").detail()).isEqualTo("RECONCILING, Kubernetes 1.35.1-gke.1396000, expected RUNNING");
        assertThat(only(results, "gcp.gke-nodepool", "train/system").status()).isEqualTo(Status.PASS);
        assertThat(only(results, "gcp.gke-nodepool", "train/h100").detail()).isEqualTo("node pool h100 does not exist in cluster staging-train");
        CheckResult l4 = only(results, "gcp.gke-nodepool", "train/l4");
        assertThat(l4.status()).isEqualTo(Status.FAIL);
        assertThat(l4.detail()).isEqualTo("autoscaling 0..2, expected 0..4; not Spot, expected Spot");
    }

    @Test
    void verify_withoutTheClusterOutput_failsEveryGkeCheckWithTheFix() {
        List<CheckResult> results = verify(Map.of());

        assertThat(results).hasSize(4).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(Status.FAIL);
            assertThat(r.fix()).contains("the outputs have no 'train.clusterName'");
        });
    }
}
