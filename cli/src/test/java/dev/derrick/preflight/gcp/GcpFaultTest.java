package dev.derrick.preflight.gcp;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.derrick.preflight.Check;
import dev.derrick.preflight.CheckLimits;
import dev.derrick.preflight.CheckReport;
import dev.derrick.preflight.CheckResult;
import dev.derrick.preflight.CheckRunner;
import dev.derrick.preflight.Reason;
import dev.derrick.preflight.StackOutputs;
import dev.derrick.preflight.Status;
import dev.derrick.preflight.StubControlPlane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every GCP check (Compute Engine and Cloud Storage through the Google HTTP client) under faults and against the documented resource shapes, on WireMock (127.0.0.1).
 * Shapes read 2026-12-05:
 * <ul>
 * <li>reservations.aggregatedList, https://cloud.google.com/compute/docs/reference/rest/v1/reservations/aggregatedList
 *     ({@code kind compute#reservationAggregatedList}, {@code items} keyed {@code zones/<zone>} with
 *     {@code reservations[]} or a {@code warning}; {@code specificReservation.count}/{@code inUseCount} are int64 strings)</li>
 * <li>buckets.get, https://cloud.google.com/storage/docs/json_api/v1/buckets#resource
 *     ({@code versioning.enabled}, {@code iamConfiguration.uniformBucketLevelAccess.enabled},
 *     {@code iamConfiguration.publicAccessPrevention}, {@code encryption.defaultKmsKeyName})</li>
 * <li>errors, https://cloud.google.com/apis/design/errors (429 RESOURCE_EXHAUSTED, 403 PERMISSION_DENIED, 503 UNAVAILABLE)</li>
 * </ul>
 */
class GcpFaultTest {
    /** Room for a loaded machine (2 cores, many JVMs): an attempt gets 5 s. */
    static final CheckLimits LIMITS = new CheckLimits(8, Duration.ofSeconds(10), 2);
    /** For the slow endpoint: what it proves is the bound, so a short one keeps the test short. */
    static final CheckLimits SHORT = new CheckLimits(8, Duration.ofMillis(2500), 2);
    static final String KEY = "projects/derrick-test/locations/us-central1/keyRings/ml/cryptoKeys/data";
    static final String BUCKET = "/storage/v1/b/derrick-stub-datasets";
    @RegisterExtension
    static final StubControlPlane STUB = new StubControlPlane("Pulumi.gcp-faults.yaml");

    private static CheckReport preflight(URI endpoint, CheckLimits limits) {
        try (var gcp = GcpChecks.create(endpoint, GcpChecksTest.credentials("test-token"), limits)) {
            List<Check> checks = gcp.preflight(STUB.config());
            assertThat(checks).extracting(Check::id).containsExactly("gcp.reservation", "gcp.accelerator-type", "gcp.accelerator-type",
                    "gcp.gpu-quota", "gcp.gpu-quota", "gcp.bucket-name");
            return new CheckRunner(limits, r -> { }).run(checks);
        }
    }

    private static CheckResult verifyBucket() {
        try (var gcp = GcpChecks.create(STUB.uri(), GcpChecksTest.credentials("test-token"), LIMITS)) {
            var outputs = new StackOutputs(Map.of("datasets.bucketName", TextNode.valueOf("derrick-stub-datasets")));
            return new CheckRunner(LIMITS, r -> { }).run(gcp.verify(STUB.config(), outputs)).results().stream()
                    .filter(r -> r.id().equals("gcp.bucket")).findFirst().orElseThrow();
        }
    }

    private static CheckResult result(CheckReport report, String id) {
        return report.results().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    private static void json(String path, int status, String body) {
        STUB.server().stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
    }

    private static void reservation(String zone, String status, String machineType, int count, int inUse) {
        json("/compute/v1/projects/derrick-test/aggregated/reservations", 200, "{\"kind\":\"compute#reservationAggregatedList\",\"id\":\"projects/derrick-test/aggregated/reservations\","
                + "\"items\":{\"zones/us-central1-a\":" + (zone.equals("us-central1-a") ? "" : "{\"warning\":{\"code\":\"NO_RESULTS_ON_PAGE\",\"message\":\"none\"}},\"zones/" + zone + "\":")
                + "{\"reservations\":[{\"kind\":\"compute#reservation\",\"id\":\"42\",\"name\":\"h100-prod\","
                + "\"zone\":\"https://www.googleapis.com/compute/v1/projects/derrick-test/zones/" + zone + "\",\"status\":\"" + status + "\","
                + "\"specificReservationRequired\":true,\"specificReservation\":{\"instanceProperties\":{\"machineType\":\"" + machineType + "\","
                + "\"guestAccelerators\":[{\"acceleratorType\":\"nvidia-h100-80gb\",\"acceleratorCount\":8}]},"
                + "\"count\":\"" + count + "\",\"inUseCount\":\"" + inUse + "\"}}]}},"
                + "\"selfLink\":\"https://www.googleapis.com/compute/v1/projects/derrick-test/aggregated/reservations\"}");
    }

    private static void bucket(boolean versioning, boolean uniform, String pap, String kmsKey) {
        json(BUCKET, 200, "{\"kind\":\"storage#bucket\",\"id\":\"derrick-stub-datasets\",\"name\":\"derrick-stub-datasets\",\"projectNumber\":\"123456789\","
                + "\"metageneration\":\"3\",\"location\":\"US-CENTRAL1\",\"storageClass\":\"STANDARD\",\"etag\":\"CAM=\","
                + "\"versioning\":{\"enabled\":" + versioning + "},"
                + "\"iamConfiguration\":{\"bucketPolicyOnly\":{\"enabled\":" + uniform + "},\"uniformBucketLevelAccess\":{\"enabled\":" + uniform + "},"
                + "\"publicAccessPrevention\":\"" + pap + "\"}"
                + (kmsKey == null ? "" : ",\"encryption\":{\"defaultKmsKeyName\":\"" + kmsKey + "\"}") + "}");
    }

    @Test
    void reservation_readyWithRoom_passes() {
        reservation("us-central1-a", "READY", "a3-highgpu-8g", 4, 1);

        CheckResult r = result(preflight(STUB.uri(), LIMITS), "gcp.reservation");

        assertThat(r.status()).as(r.detail()).isEqualTo(Status.PASS);
        assertThat(r.detail()).isEqualTo("us-central1-a: READY, a3-highgpu-8g, 4 reserved, 1 in use; the pool needs 2 at max scale");
        STUB.server().verify(getRequestedFor(urlPathEqualTo("/compute/v1/projects/derrick-test/aggregated/reservations"))
                .withQueryParam("filter", com.github.tomakehurst.wiremock.client.WireMock.equalTo("name = h100-prod")));
    }

    @Test
    void reservation_tooSmall_wrongType_orElsewhere_fails() {
        reservation("us-central1-a", "READY", "a3-highgpu-8g", 2, 1);
        CheckResult small = result(preflight(STUB.uri(), LIMITS), "gcp.reservation");
        reservation("us-central1-a", "READY", "https://www.googleapis.com/compute/v1/projects/derrick-test/zones/us-central1-a/machineTypes/a2-highgpu-8g", 4, 0);
        CheckResult wrongType = result(preflight(STUB.uri(), LIMITS), "gcp.reservation");
        reservation("us-central1-b", "READY", "a3-highgpu-8g", 4, 0);
        CheckResult elsewhere = result(preflight(STUB.uri(), LIMITS), "gcp.reservation");

        assertThat(small.status()).isEqualTo(Status.FAIL);
        assertThat(small.detail()).startsWith("room for 1 node(s)");
        assertThat(wrongType.status()).isEqualTo(Status.FAIL);
        assertThat(wrongType.detail()).contains("reserves a2-highgpu-8g in us-central1-a, the pool uses a3-highgpu-8g");
        assertThat(elsewhere.status()).isEqualTo(Status.FAIL);
        assertThat(elsewhere.detail()).isEqualTo("no reservation h100-prod in us-central1-a (found in us-central1-b)");
    }

    @Test
    void bucketName_takenBySomeoneElse_failsAndFree_passes() {
        json(BUCKET, 403, "{\"error\":{\"code\":403,\"message\":\"denied\",\"errors\":[{\"reason\":\"forbidden\",\"domain\":\"global\"}]}}");
        CheckResult taken = result(preflight(STUB.uri(), LIMITS), "gcp.bucket-name");
        json(BUCKET, 404, "{\"error\":{\"code\":404,\"message\":\"The specified bucket does not exist.\",\"errors\":[{\"reason\":\"notFound\"}]}}");
        CheckResult free = result(preflight(STUB.uri(), LIMITS), "gcp.bucket-name");

        assertThat(taken.status()).isEqualTo(Status.FAIL);
        assertThat(taken.detail()).startsWith("taken (HTTP 403)");
        assertThat(free.status()).isEqualTo(Status.PASS);
        assertThat(free.detail()).startsWith("free (HTTP 404)");
    }

    @Test
    void bucketVerify_asConfigured_passes() {
        bucket(true, true, "enforced", KEY);

        CheckResult r = verifyBucket();

        assertThat(r.status()).as(r.detail()).isEqualTo(Status.PASS);
        assertThat(r.detail()).isEqualTo("versioning on, uniform bucket-level access on, public access prevention enforced, default KMS key " + KEY);
    }

    @Test
    void bucketVerify_eachDrift_fails() {
        bucket(false, false, "inherited", null);

        CheckResult r = verifyBucket();

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.detail()).isEqualTo("versioning off, expected on; uniform bucket-level access off; "
                + "public access prevention inherited, expected enforced; default KMS key not set, expected " + KEY);
    }

    @Test
    void everyApiThrottling_isUnknownThrottledAfterTheBoundedAttempts() {
        STUB.server().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":429,\"message\":\"Rate Limit Exceeded\",\"status\":\"RESOURCE_EXHAUSTED\","
                        + "\"errors\":[{\"reason\":\"rateLimitExceeded\",\"domain\":\"usageLimits\"}]}}")));

        CheckReport report = preflight(STUB.uri(), LIMITS);

        assertThat(report.results()).allSatisfy(r -> {
            assertThat(r.reason()).as(r.id() + ": " + r.detail()).isEqualTo(Reason.THROTTLED);
            assertThat(r.detail()).contains("(HTTP 429) after");
        });
        assertThat(result(report, "gcp.gpu-quota").detail()).isEqualTo("RESOURCE_EXHAUSTED (HTTP 429) after 2 attempt(s)");
        assertThat(report.wallMillis()).isLessThan(LIMITS.timeout().toMillis() + 2000);
    }

    @Test
    void serverErrors_areUnknownServiceError() {
        STUB.server().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":503,\"message\":\"The service is currently unavailable.\",\"status\":\"UNAVAILABLE\"}}")));

        assertThat(preflight(STUB.uri(), LIMITS).results()).allSatisfy(r -> {
            assertThat(r.reason()).as(r.id() + ": " + r.detail()).isEqualTo(Reason.SERVICE_ERROR);
            assertThat(r.detail()).contains("(HTTP 503)");
        });
    }

    @Test
    void computeDenied_isUnknownAccessDeniedNamingThePermission() {
        STUB.server().stubFor(get(urlPathMatching("/compute/v1/.*")).willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":403,\"message\":\"Required 'compute.regions.get' permission\",\"status\":\"PERMISSION_DENIED\"}}")));

        CheckReport report = preflight(STUB.uri(), LIMITS);

        assertThat(report.results()).filteredOn(r -> !r.id().equals("gcp.bucket-name")).allSatisfy(r -> {
            assertThat(r.reason()).as(r.id() + ": " + r.detail()).isEqualTo(Reason.ACCESS_DENIED);
            assertThat(r.detail()).isEqualTo("PERMISSION_DENIED (HTTP 403)");
            assertThat(r.fix()).startsWith("grant the caller compute.");
        });
    }

    @Test
    void slowEndpoint_isUnknownTimedOutWithinTheBound() {
        STUB.server().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay(10_000)));

        CheckReport report = preflight(STUB.uri(), SHORT);

        assertThat(report.results()).allSatisfy(r -> assertThat(r.reason()).as(r.id() + ": " + r.detail()).isEqualTo(Reason.TIMED_OUT));
        assertThat(report.wallMillis()).isLessThan(SHORT.timeout().toMillis() + 2000);
    }

    @Test
    void refusedConnection_isUnknownEndpointRefused() throws Exception {
        int closed;
        try (var s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }

        var limits = new CheckLimits(8, Duration.ofSeconds(10), 2);
        CheckReport report = preflight(URI.create("http://127.0.0.1:" + closed), limits);

        assertThat(report.results()).allSatisfy(r -> assertThat(r.reason()).as(r.id() + ": " + r.detail()).isEqualTo(Reason.ENDPOINT_REFUSED));
        assertThat(report.wallMillis()).isLessThan(limits.timeout().toMillis());
    }

    @Test
    void answersThatDoNotParseAsDocumented_areUnknownUnreadable() {
        STUB.server().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<html><body>captive portal</body></html>")));

        CheckReport report = preflight(STUB.uri(), LIMITS);

        assertThat(report.results()).filteredOn(r -> !r.id().equals("gcp.bucket-name")).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(Status.UNKNOWN);
            assertThat(r.reason()).as(r.id() + ": " + r.detail()).isEqualTo(Reason.UNREADABLE_RESPONSE);
        });
        assertThat(result(report, "gcp.bucket-name").status()).as(result(report, "gcp.bucket-name").detail()).isEqualTo(Status.UNKNOWN);
    }
}
