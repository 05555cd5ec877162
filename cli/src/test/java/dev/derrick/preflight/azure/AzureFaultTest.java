package dev.derrick.preflight.azure;

import com.azure.storage.common.StorageSharedKeyCredential;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.derrick.catalog.Catalog;
import dev.derrick.preflight.Check;
import dev.derrick.preflight.CheckLimits;
import dev.derrick.preflight.CheckReport;
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
import dev.derrick.preflight.CheckResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Azure check (Resource Manager through the azure-core pipeline, Blob through
 * azure-storage-blob) under faults, on WireMock (127.0.0.1): each ends UNKNOWN with its reason
 * within the run's bound, retried by the SDKs' own retry policies. Error shapes read 2026-12-05:
 * Resource Manager {@code {"error":{"code","message"}}}
 * (https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/request-limits-and-throttling,
 * 429 TooManyRequests; 403 AuthorizationFailed), Blob {@code <Error><Code>} with {@code x-ms-error-code}
 * (https://learn.microsoft.com/en-us/rest/api/storageservices/common-rest-api-error-codes, 503 ServerBusy,
 * 403 AuthorizationPermissionMismatch).
 */
class AzureFaultTest {
    /** Room for a loaded machine (2 cores, many JVMs): an attempt gets 5 s. */
    static final CheckLimits LIMITS = new CheckLimits(8, Duration.ofSeconds(10), 2);
    /** For the slow endpoint: what it proves is the bound, so a short one keeps the test short. */
    static final CheckLimits SHORT = new CheckLimits(8, Duration.ofMillis(2500), 2);
    /** Any shared key: the stub does not check signatures, and Blob will not send a bearer token over http. */
    static final StorageSharedKeyCredential KEY = new StorageSharedKeyCredential("derrickmodels", "c3R1Yi1rZXk=");
    @RegisterExtension
    static final StubControlPlane STUB = new StubControlPlane("Pulumi.azure-faults.yaml");

    private static CheckReport run(URI endpoint, String token, String subscription, CheckLimits limits) {
        try (var azure = new AzureChecks(new AzureClients(endpoint, AzureChecksTest.credential(token), subscription, KEY, limits), Catalog.bundled(), limits)) {
            var checks = new ArrayList<Check>(azure.preflight(STUB.config()));
            checks.addAll(azure.verify(STUB.config(), new StackOutputs(Map.of("models.accountName", TextNode.valueOf("derrickmodels"),
                    "train.clusterName", TextNode.valueOf("staging-train"), "train.resourceGroupName", TextNode.valueOf("staging-train-rg")))));
            assertThat(checks).extracting(Check::id).containsExactly("azure.vm-size", "azure.vm-size", "azure.vcpu-quota",
                    "azure.storage-account-name", "azure.aks-cluster", "azure.aks-agentpool", "azure.aks-agentpool", "azure.blob-store");
            return new CheckRunner(limits, r -> { }).run(checks);
        }
    }

    /** The Resource Manager checks (all but the Blob one). */
    private static List<CheckResult> arm(CheckReport report) {
        return report.results().stream().filter(r -> !r.id().equals("azure.blob-store")).toList();
    }

    private static CheckResult blob(CheckReport report) {
        return report.results().stream().filter(r -> r.id().equals("azure.blob-store")).findFirst().orElseThrow();
    }

    private static void assertAll(CheckReport report, Reason reason) {
        assertThat(report.results()).allSatisfy(r -> {
            assertThat(r.status()).as(r.id() + ": " + r.detail()).isEqualTo(Status.UNKNOWN);
            assertThat(r.reason()).as(r.id() + ": " + r.detail()).isEqualTo(reason);
        });
    }

    @Test
    void everyApiThrottling_isUnknownThrottledAfterTheBoundedAttempts() {
        STUB.server().stubFor(any(urlPathMatching("/subscriptions/.*")).willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"The request is being throttled.\"}}")));
        STUB.server().stubFor(any(urlPathMatching("/derrickmodels.*")).willReturn(aResponse().withStatus(503).withHeader("x-ms-error-code", "ServerBusy")
                .withHeader("Content-Type", "application/xml").withBody("<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>ServerBusy</Code>"
                        + "<Message>Ingress is over the account limit.</Message></Error>")));

        CheckReport report = run(STUB.uri(), "test-token", "sub-1", LIMITS);

        assertThat(arm(report)).allSatisfy(r -> {
            assertThat(r.reason()).as(r.id() + ": " + r.detail()).isEqualTo(Reason.THROTTLED);
            assertThat(r.detail()).isEqualTo("TooManyRequests (HTTP 429) after 2 attempt(s)");
        });
        assertThat(blob(report).reason()).as(blob(report).detail()).isEqualTo(Reason.SERVICE_ERROR);
        assertThat(blob(report).detail()).startsWith("ServerBusy (HTTP 503)");
        assertThat(report.wallMillis()).isLessThan(LIMITS.timeout().toMillis() + 2000);
    }

    @Test
    void denied_isUnknownAccessDeniedNamingThePermission() {
        STUB.server().stubFor(any(urlPathMatching("/subscriptions/.*")).willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"The client does not have authorization.\"}}")));
        STUB.server().stubFor(any(urlPathMatching("/derrickmodels.*")).willReturn(aResponse().withStatus(403)
                .withHeader("x-ms-error-code", "AuthorizationPermissionMismatch").withHeader("Content-Type", "application/xml")
                .withBody("<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>AuthorizationPermissionMismatch</Code><Message>no</Message></Error>")));

        CheckReport report = run(STUB.uri(), "test-token", "sub-1", LIMITS);

        assertAll(report, Reason.ACCESS_DENIED);
        assertThat(report.results().get(0).fix()).contains("Microsoft.Compute/skus/read");
        assertThat(blob(report).fix()).contains("Storage Blob Data Reader");
    }

    @Test
    void slowEndpoint_isUnknownTimedOutWithinTheBound() {
        STUB.server().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay(10_000)));

        CheckReport report = run(STUB.uri(), "test-token", "sub-1", SHORT);

        assertAll(report, Reason.TIMED_OUT);
        assertThat(report.wallMillis()).isLessThan(SHORT.timeout().toMillis() + 2000);
    }

    @Test
    void refusedConnection_isUnknownEndpointRefused() throws Exception {
        int closed;
        try (var s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        var limits = new CheckLimits(8, Duration.ofSeconds(10), 2);

        CheckReport report = run(URI.create("http://127.0.0.1:" + closed), "test-token", "sub-1", limits);

        assertAll(report, Reason.ENDPOINT_REFUSED);
        assertThat(report.wallMillis()).isLessThan(limits.timeout().toMillis());
    }

    @Test
    void answersThatDoNotParseAsDocumented_areUnknownUnreadable() {
        STUB.server().stubFor(any(urlPathMatching("/subscriptions/.*")).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"value\":\"not a list\"}")));

        CheckReport report = run(STUB.uri(), "test-token", "sub-1", LIMITS);

        assertThat(arm(report)).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(Status.UNKNOWN);
            assertThat(r.reason()).as(r.id() + ": " + r.detail()).isEqualTo(Reason.UNREADABLE_RESPONSE);
        });
    }

    @Test
    void noCredentials_isUnknownAndNothingIsSentToResourceManager() {
        CheckReport report = run(STUB.uri(), null, "sub-1", LIMITS);

        assertThat(arm(report)).allSatisfy(r -> {
            assertThat(r.reason()).as(r.id() + ": " + r.detail()).isEqualTo(Reason.NO_CREDENTIALS);
            assertThat(r.fix()).contains("az login");
        });
        assertThat(STUB.server().findAll(anyRequestedFor(urlPathMatching("/subscriptions/.*")))).isEmpty();
    }
}
