package dev.derrick.preflight.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.identity.CredentialUnavailableException;
import dev.derrick.catalog.Catalog;
import dev.derrick.preflight.Check;
import dev.derrick.preflight.CheckLimits;
import dev.derrick.preflight.CheckResult;
import dev.derrick.preflight.CheckRunner;
import dev.derrick.preflight.Reason;
import dev.derrick.preflight.Status;
import dev.derrick.preflight.StubControlPlane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import reactor.core.publisher.Mono;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Azure checks against WireMock (127.0.0.1) stubs shaped like the documented Azure Resource
 * Manager REST responses, read 2026-11-23:
 * <ul>
 * <li>Resource Skus - List (api-version 2021-07-01),
 *     https://learn.microsoft.com/en-us/rest/api/compute/resource-skus/list?view=rest-compute-2021-07-01
 *     ({@code value[]} of {@code resourceType, name, family, locationInfo[].zones, capabilities[], restrictions[]})</li>
 * <li>Usage - List (api-version 2023-09-01),
 *     https://learn.microsoft.com/en-us/rest/api/compute/usage/list?view=rest-compute-2023-09-01
 *     ({@code value[]} of {@code name.value, currentValue, limit, unit})</li>
 * <li>throttling (429 with {@code error.code}),
 *     https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/request-limits-and-throttling</li>
 * </ul>
 */
class AzureChecksTest {
    static final CheckLimits LIMITS = new CheckLimits(8, Duration.ofMillis(2500), 2);
    static final String SKUS = "/subscriptions/sub-1/providers/Microsoft.Compute/skus";
    static final String USAGES = "/subscriptions/sub-1/providers/Microsoft.Compute/locations/eastus/usages";
    @RegisterExtension
    static final StubControlPlane STUB = new StubControlPlane("Pulumi.azure-checks.yaml");

    /** A fixed token; null: a credential that finds nothing, as DefaultAzureCredential does on a machine without any. */
    static TokenCredential credential(String token) {
        return token == null
                ? request -> Mono.error(new CredentialUnavailableException("EnvironmentCredential authentication unavailable"))
                : request -> Mono.just(new AccessToken(token, OffsetDateTime.now().plusHours(1)));
    }

    static AzureChecks checks(URI endpoint, String token, String subscription, CheckLimits limits) {
        return new AzureChecks(new AzureClients(endpoint, credential(token), subscription, null, limits), Catalog.bundled(), limits);
    }

    private List<CheckResult> preflight(String token, String subscription) {
        try (var azure = checks(STUB.uri(), token, subscription, LIMITS)) {
            List<Check> checks = azure.preflight(STUB.config());
            assertThat(checks).extracting(Check::id).containsExactly("azure.vm-size", "azure.vm-size", "azure.vcpu-quota");
            return new CheckRunner(LIMITS, r -> { }).run(checks).results();
        }
    }

    private static CheckResult result(List<CheckResult> results, String id, String subjectPart) {
        return results.stream().filter(r -> r.id().equals(id) && r.subject().contains(subjectPart)).findFirst().orElseThrow();
    }

    private static String sku(String name, String family, int vcpus, String zones, String restrictions) {
        return "{\"resourceType\":\"virtualMachines\",\"name\":\"" + name + "\",\"tier\":\"Standard\",\"size\":\"" + name.substring(9) + "\","
                + "\"family\":\"" + family + "\",\"locations\":[\"eastus\"],"
                + "\"locationInfo\":[{\"location\":\"eastus\",\"zones\":[" + zones + "],\"zoneDetails\":[]}],"
                + "\"capabilities\":[{\"name\":\"vCPUs\",\"value\":\"" + vcpus + "\"},{\"name\":\"GPUs\",\"value\":\"" + (vcpus == 96 ? 8 : 0) + "\"}],"
                + "\"restrictions\":[" + restrictions + "]}";
    }

    /** The system size everywhere; the H100 size with the given zones and restrictions. */
    private static void skus(String h100Zones, String h100Restrictions) {
        STUB.server().stubFor(get(urlPathEqualTo(SKUS)).withQueryParam("api-version", equalTo("2021-07-01"))
                .withQueryParam("$filter", equalTo("location eq 'eastus'"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"value\":["
                        + "{\"resourceType\":\"disks\",\"name\":\"Premium_LRS\",\"locations\":[\"eastus\"],\"restrictions\":[]},"
                        + sku("Standard_D8s_v5", "standardDSv5Family", 8, "\"1\",\"2\",\"3\"", "") + ","
                        + sku("Standard_ND96isr_H100_v5", "standardNDSH100v5Family", 96, h100Zones, h100Restrictions) + "]}")));
    }

    private static void usages(int h100Current, int h100Limit) {
        STUB.server().stubFor(get(urlPathEqualTo(USAGES)).withQueryParam("api-version", equalTo("2023-09-01"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"value\":["
                        + "{\"unit\":\"Count\",\"currentValue\":4,\"limit\":350,\"name\":{\"value\":\"cores\",\"localizedValue\":\"Total Regional vCPUs\"}},"
                        + "{\"unit\":\"Count\",\"currentValue\":0,\"limit\":100,\"name\":{\"value\":\"standardDSv5Family\",\"localizedValue\":\"Standard DSv5 Family vCPUs\"}},"
                        + "{\"unit\":\"Count\",\"currentValue\":" + h100Current + ",\"limit\":" + h100Limit
                        + ",\"name\":{\"value\":\"standardNDSH100v5Family\",\"localizedValue\":\"Standard NDSH100v5 Family vCPUs\"}}]}")));
    }

    @Test
    void vmSize_availableInItsZones_passes() {
        skus("\"1\",\"2\",\"3\"", "");
        usages(0, 192);

        CheckResult r = result(preflight("test-token", "sub-1"), "azure.vm-size", "h100");

        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.subject()).isEqualTo("train/h100 Standard_ND96isr_H100_v5 in eastus zones 1");
        STUB.server().verify(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo(SKUS))
                .withHeader("Authorization", equalTo("Bearer test-token")));
    }

    @Test
    void vmSize_restrictedInTheZone_failsWithZonesToPick() {
        skus("\"1\",\"2\",\"3\"", "{\"type\":\"Zone\",\"values\":[\"eastus\"],\"restrictionInfo\":{\"locations\":[\"eastus\"],\"zones\":[\"1\"]},"
                + "\"reasonCode\":\"NotAvailableForSubscription\"}");
        usages(0, 192);

        CheckResult r = result(preflight("test-token", "sub-1"), "azure.vm-size", "h100");

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.detail()).contains("not available in zone(s) 1 of eastus").contains("available in 2, 3");
        assertThat(r.fix()).contains("zones: [2, 3]");
    }

    @Test
    void vmSize_restrictedInTheLocation_fails() {
        skus("\"1\",\"2\",\"3\"", "{\"type\":\"Location\",\"values\":[\"eastus\"],\"restrictionInfo\":{\"locations\":[\"eastus\"]},"
                + "\"reasonCode\":\"NotAvailableForSubscription\"}");
        usages(0, 192);

        CheckResult r = result(preflight("test-token", "sub-1"), "azure.vm-size", "h100");

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.detail()).contains("restricted in eastus").contains("NotAvailableForSubscription");
    }

    @Test
    void vmSize_throttled_isUnknown() {
        STUB.server().stubFor(get(urlPathEqualTo(SKUS)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"The request is being throttled.\"}}")));

        CheckResult r = result(preflight("test-token", "sub-1"), "azure.vm-size", "h100");

        assertThat(r.status()).isEqualTo(Status.UNKNOWN);
        assertThat(r.reason()).isEqualTo(Reason.THROTTLED);
        assertThat(r.detail()).contains("TooManyRequests (HTTP 429) after 2 attempt(s)");
    }

    @Test
    void vcpuQuota_withRoomForMaxScale_passes() {
        skus("\"1\",\"2\",\"3\"", "");
        usages(0, 192);

        CheckResult r = result(preflight("test-token", "sub-1"), "azure.vcpu-quota", "eastus");

        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.detail()).contains("standardNDSH100v5Family needs 192 vCPUs").contains("standardDSv5Family needs 16 vCPUs");
    }

    @Test
    void vcpuQuota_familyShort_failsWithTheFigureAndTheRequest() {
        skus("\"1\",\"2\",\"3\"", "");
        usages(96, 192);

        CheckResult r = result(preflight("test-token", "sub-1"), "azure.vcpu-quota", "eastus");

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.detail()).contains("limit 192 with 96 in use, 96 free");
        assertThat(r.fix()).contains("standardNDSH100v5Family >= 288 in eastus").doesNotContain("standardDSv5Family");
    }

    @Test
    void vcpuQuota_usagesServerError_isUnknown() {
        skus("\"1\",\"2\",\"3\"", "");
        STUB.server().stubFor(get(urlPathEqualTo(USAGES)).willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"InternalServerError\",\"message\":\"Encountered internal server error.\"}}")));

        CheckResult r = result(preflight("test-token", "sub-1"), "azure.vcpu-quota", "eastus");

        assertThat(r.status()).isEqualTo(Status.UNKNOWN);
        assertThat(r.reason()).isEqualTo(Reason.SERVICE_ERROR);
        assertThat(r.detail()).contains("InternalServerError (HTTP 500)");
    }

    @Test
    void withoutTokenOrSubscription_everythingIsUnknownNoCredentialsAndNothingIsSent() {
        for (String[] creds : new String[][]{{null, "sub-1"}, {"test-token", null}}) {
            assertThat(preflight(creds[0], creds[1])).allSatisfy(r -> {
                assertThat(r.status()).isEqualTo(Status.UNKNOWN);
                assertThat(r.reason()).isEqualTo(Reason.NO_CREDENTIALS);
                assertThat(r.fix()).contains("AZURE_SUBSCRIPTION_ID").contains("az login");
            });
        }
        assertThat(STUB.server().findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }
}
