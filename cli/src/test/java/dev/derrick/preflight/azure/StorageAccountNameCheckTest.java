package dev.derrick.preflight.azure;

import dev.derrick.catalog.Catalog;
import dev.derrick.preflight.CheckLimits;
import dev.derrick.preflight.CheckResult;
import dev.derrick.preflight.CheckRunner;
import dev.derrick.preflight.Status;
import dev.derrick.preflight.StubControlPlane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The storage account name check against WireMock stubs shaped like the documented responses,
 * read 2026-12-05: Check Name Availability
 * (https://learn.microsoft.com/en-us/rest/api/storagerp/storage-accounts/check-name-availability?view=rest-storagerp-2023-05-01:
 * {@code nameAvailable, reason, message}) and Storage Accounts - List
 * (https://learn.microsoft.com/en-us/rest/api/storagerp/storage-accounts/list?view=rest-storagerp-2023-05-01: {@code value[], nextLink}).
 */
class StorageAccountNameCheckTest {
    static final CheckLimits LIMITS = new CheckLimits(8, Duration.ofSeconds(30), 2);   // no timeout is tested here: a long limit keeps a loaded machine from turning a slow first call into UNKNOWN
    static final String PROVIDER = "/subscriptions/sub-1/providers/Microsoft.Storage";
    @RegisterExtension
    static final StubControlPlane STUB = new StubControlPlane("Pulumi.azure-faults.yaml");

    private static CheckResult run() {
        try (var azure = new AzureChecks(new AzureClients(STUB.uri(), AzureChecksTest.credential("test-token"), "sub-1", null, LIMITS), Catalog.bundled(), LIMITS)) {
            return new CheckRunner(LIMITS, r -> { }).run(azure.preflight(STUB.config())).results().stream()
                    .filter(r -> r.id().equals("azure.storage-account-name")).findFirst().orElseThrow();
        }
    }

    private static void availability(boolean available, String reason) {
        STUB.server().stubFor(post(urlPathEqualTo(PROVIDER + "/checkNameAvailability")).withQueryParam("api-version", equalTo("2023-05-01"))
                .withRequestBody(equalToJson("{\"name\":\"derrickmodels\",\"type\":\"Microsoft.Storage/storageAccounts\"}"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"nameAvailable\":" + available + (reason == null ? "" : ",\"reason\":\"" + reason
                                + "\",\"message\":\"The storage account named derrickmodels is already taken.\"") + "}")));
    }

    private static void accounts(String name) {
        STUB.server().stubFor(get(urlPathEqualTo(PROVIDER + "/storageAccounts")).withQueryParam("api-version", equalTo("2023-05-01"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"value\":[{\"id\":\"/subscriptions/sub-1/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/" + name + "\","
                                + "\"kind\":\"StorageV2\",\"location\":\"eastus\",\"name\":\"" + name + "\",\"type\":\"Microsoft.Storage/storageAccounts\"}]}")));
    }

    @Test
    void free_passes() {
        availability(true, null);

        CheckResult r = run();

        assertThat(r.status()).as(r.detail()).isEqualTo(Status.PASS);
        assertThat(r.detail()).isEqualTo("free: pulumi up creates it");
    }

    @Test
    void takenInThisSubscription_isOurs_andElsewhere_fails() {
        availability(false, "AlreadyExists");
        accounts("derrickmodels");
        CheckResult ours = run();
        accounts("someoneelse");
        CheckResult theirs = run();

        assertThat(ours.status()).as(ours.detail()).isEqualTo(Status.PASS);
        assertThat(ours.detail()).isEqualTo("exists in this subscription (eastus): ours");
        assertThat(theirs.status()).isEqualTo(Status.FAIL);
        assertThat(theirs.detail()).isEqualTo("taken (AlreadyExists): the account exists outside this subscription");
        assertThat(theirs.fix()).contains("drop bucketName");
    }
}
