package dev.derrick.preflight.gcp;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import dev.derrick.preflight.Check;
import dev.derrick.preflight.CheckLimits;
import dev.derrick.preflight.CheckResult;
import dev.derrick.preflight.CheckRunner;
import dev.derrick.preflight.Reason;
import dev.derrick.preflight.Status;
import dev.derrick.preflight.StubControlPlane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URI;
import java.util.Date;
import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GCP checks against WireMock (127.0.0.1) stubs shaped like the documented Compute Engine v1
 * REST responses, read 2026-11-23:
 * <ul>
 * <li>acceleratorTypes.get, https://cloud.google.com/compute/docs/reference/rest/v1/acceleratorTypes/get
 *     (an AcceleratorType resource; a missing one is 404 with the standard {@code error} body)</li>
 * <li>regions.get, https://cloud.google.com/compute/docs/reference/rest/v1/regions/get
 *     ({@code quotas[]} of {@code metric, limit, usage})</li>
 * <li>GPU quota metrics, https://cloud.google.com/compute/resource-usage#gpu_quota
 *     ({@code NVIDIA_L4_GPUS}, {@code PREEMPTIBLE_NVIDIA_L4_GPUS}, ...)</li>
 * <li>errors (429 RESOURCE_EXHAUSTED / rateLimitExceeded), https://cloud.google.com/apis/design/errors</li>
 * </ul>
 */
class GcpChecksTest {
    static final CheckLimits LIMITS = new CheckLimits(8, Duration.ofMillis(2500), 2);
    static final String ZONES = "/compute/v1/projects/derrick-test/zones/";
    static final String REGION = "/compute/v1/projects/derrick-test/regions/us-central1";
    @RegisterExtension
    static final StubControlPlane STUB = new StubControlPlane("Pulumi.gcp-checks.yaml");

    /** A fixed token; null: a source that finds nothing, as Application Default Credentials does on a machine without any. */
    static GcpClients.CredentialSource credentials(String token) {
        return token == null
                ? () -> {
                    throw new IOException("Your default credentials were not found");
                }
                : () -> GoogleCredentials.create(new AccessToken(token, new Date(System.currentTimeMillis() + 3_600_000)));
    }

    private List<CheckResult> preflight(String token) {
        try (var gcp = GcpChecks.create(STUB.uri(), credentials(token), LIMITS)) {
            List<Check> checks = gcp.preflight(STUB.config());
            assertThat(checks).extracting(Check::id).containsExactly("gcp.accelerator-type", "gcp.gpu-quota");
            return new CheckRunner(LIMITS, r -> { }).run(checks).results();
        }
    }

    private static CheckResult result(List<CheckResult> results, String id) {
        return results.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    private static void acceleratorType(String zone, int status) {
        String body = status == 200
                ? "{\"kind\":\"compute#acceleratorType\",\"id\":\"10012\",\"creationTimestamp\":\"1969-12-31T16:00:00.000-08:00\","
                + "\"name\":\"nvidia-l4\",\"description\":\"NVIDIA L4\",\"zone\":\"https://example.invalid/compute/v1/projects/derrick-test/zones/" + zone + "\","
                + "\"selfLink\":\"https://example.invalid/compute/v1/projects/derrick-test/zones/" + zone + "/acceleratorTypes/nvidia-l4\","
                + "\"maximumCardsPerInstance\":8}"
                : "{\"error\":{\"code\":404,\"message\":\"The resource 'projects/derrick-test/zones/" + zone + "/acceleratorTypes/nvidia-l4' was not found\","
                + "\"errors\":[{\"message\":\"not found\",\"domain\":\"global\",\"reason\":\"notFound\"}]}}";
        STUB.server().stubFor(get(urlPathEqualTo(ZONES + zone + "/acceleratorTypes/nvidia-l4"))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
    }

    private static void region(double limit, double usage) {
        STUB.server().stubFor(get(urlPathEqualTo(REGION)).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"kind\":\"compute#region\",\"id\":\"1000\",\"name\":\"us-central1\",\"status\":\"UP\","
                        + "\"zones\":[\"https://example.invalid/compute/v1/projects/derrick-test/zones/us-central1-a\"],"
                        + "\"quotas\":[{\"metric\":\"CPUS\",\"limit\":24.0,\"usage\":0.0},"
                        + "{\"metric\":\"NVIDIA_L4_GPUS\",\"limit\":1.0,\"usage\":0.0},"
                        + "{\"metric\":\"PREEMPTIBLE_NVIDIA_L4_GPUS\",\"limit\":" + limit + ",\"usage\":" + usage + "}]}")));
    }

    private static void throttleEverything() {
        STUB.server().stubFor(get(urlPathMatching("/compute/v1/projects/.*")).willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":429,\"message\":\"Rate Limit Exceeded\",\"errors\":[{\"message\":\"Rate Limit Exceeded\","
                        + "\"domain\":\"usageLimits\",\"reason\":\"rateLimitExceeded\"}],\"status\":\"RESOURCE_EXHAUSTED\"}}")));
    }

    @Test
    void acceleratorType_offeredInEveryZone_passes() {
        acceleratorType("us-central1-a", 200);
        acceleratorType("us-central1-b", 200);
        region(8, 0);

        CheckResult r = result(preflight("test-token"), "gcp.accelerator-type");

        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.subject()).isEqualTo("train/l4 nvidia-l4 in us-central1-a, us-central1-b");
        STUB.server().verify(getRequestedFor(urlPathEqualTo(ZONES + "us-central1-a/acceleratorTypes/nvidia-l4"))
                .withHeader("Authorization", equalTo("Bearer test-token")));
    }

    @Test
    void acceleratorType_missingInAZone_failsWithTheZoneToPick() {
        acceleratorType("us-central1-a", 200);
        acceleratorType("us-central1-b", 404);
        region(8, 0);

        CheckResult r = result(preflight("test-token"), "gcp.accelerator-type");

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.detail()).contains("not offered in us-central1-b").contains("offered in us-central1-a");
        assertThat(r.fix()).startsWith("pick a zone that offers it").contains("zones: [us-central1-a]");
    }

    @Test
    void acceleratorType_throttled_isUnknown() {
        throttleEverything();

        CheckResult r = result(preflight("test-token"), "gcp.accelerator-type");

        assertThat(r.status()).isEqualTo(Status.UNKNOWN);
        assertThat(r.reason()).isEqualTo(Reason.THROTTLED);
        assertThat(r.detail()).contains("RESOURCE_EXHAUSTED (HTTP 429) after 2 attempt(s)");
    }

    @Test
    void gpuQuota_withRoomForMaxScale_passes() {
        acceleratorType("us-central1-a", 200);
        acceleratorType("us-central1-b", 200);
        region(8, 2);

        CheckResult r = result(preflight("test-token"), "gcp.gpu-quota");

        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.subject()).isEqualTo("us-central1 PREEMPTIBLE_NVIDIA_L4_GPUS");
        assertThat(r.detail()).contains("needs 4 GPUs").contains("quota 8 with 2 in use, 6 free");
    }

    @Test
    void gpuQuota_short_failsWithTheFigure() {
        region(4, 1);

        CheckResult r = result(preflight("test-token"), "gcp.gpu-quota");

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.detail()).contains("needs 4 GPUs").contains("3 free");
        assertThat(r.fix()).contains("PREEMPTIBLE_NVIDIA_L4_GPUS >= 5 in us-central1");
    }

    @Test
    void gpuQuota_serverError_isUnknown() {
        STUB.server().stubFor(get(urlPathEqualTo(REGION)).willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":503,\"message\":\"The service is currently unavailable.\",\"status\":\"UNAVAILABLE\"}}")));

        CheckResult r = result(preflight("test-token"), "gcp.gpu-quota");

        assertThat(r.status()).isEqualTo(Status.UNKNOWN);
        assertThat(r.reason()).isEqualTo(Reason.SERVICE_ERROR);
        assertThat(r.detail()).contains("HTTP 503");
    }

    @Test
    void withoutAToken_everythingIsUnknownNoCredentialsAndNothingIsSent() {
        List<CheckResult> results = preflight(null);

        assertThat(results).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(Status.UNKNOWN);
            assertThat(r.reason()).isEqualTo(Reason.NO_CREDENTIALS);
            assertThat(r.fix()).contains("gcloud auth application-default login");
        });
        assertThat(STUB.server().findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void slowerThanTheTimeout_isUnknownTimedOut() {
        STUB.server().stubFor(get(urlPathMatching("/compute/v1/projects/.*")).willReturn(aResponse().withStatus(200).withFixedDelay(10_000)));

        assertThat(preflight("test-token")).allSatisfy(r -> assertThat(r.reason()).isEqualTo(Reason.TIMED_OUT));
    }

    @Test
    void quotaMetrics_followTheDocumentedNames() {
        assertThat(GpuQuotaCheck.metric("nvidia-l4", false)).isEqualTo("NVIDIA_L4_GPUS");
        assertThat(GpuQuotaCheck.metric("nvidia-l4", true)).isEqualTo("PREEMPTIBLE_NVIDIA_L4_GPUS");
        assertThat(GpuQuotaCheck.metric("nvidia-tesla-t4", false)).isEqualTo("NVIDIA_T4_GPUS");
        assertThat(GpuQuotaCheck.metric("nvidia-tesla-a100", false)).isEqualTo("NVIDIA_A100_GPUS");
        assertThat(GpuQuotaCheck.metric("nvidia-a100-80gb", false)).isEqualTo("NVIDIA_A100_80GB_GPUS");
        assertThat(GpuQuotaCheck.metric("nvidia-h100-80gb", false)).isEqualTo("NVIDIA_H100_GPUS");
        assertThat(GpuQuotaCheck.metric("nvidia-h100-mega-80gb", true)).isEqualTo("PREEMPTIBLE_NVIDIA_H100_MEGA_GPUS");
    }
}
