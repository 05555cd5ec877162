package dev.derrick.preflight.azure;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.derrick.catalog.Catalog;
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
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * ACR verify against WireMock stubs shaped like the documented Registries - List response, read
 * 2026-12-05 (https://learn.microsoft.com/en-us/rest/api/containerregistry/registries/list?view=rest-containerregistry-2023-07-01:
 * {@code value[]} of {@code name, sku{name,tier}, properties{loginServer, adminUserEnabled,
 * policies{retentionPolicy{days,status}}}}).
 */
class AcrRegistryCheckTest {
    static final CheckLimits LIMITS = new CheckLimits(8, Duration.ofSeconds(30), 2);   // no timeout is tested here: a long limit keeps a loaded machine from turning a slow first call into UNKNOWN
    static final String LIST = "/subscriptions/sub-1/providers/Microsoft.ContainerRegistry/registries";
    @RegisterExtension
    static final StubControlPlane STUB = new StubControlPlane("Pulumi.azure-registry.yaml");

    private static CheckResult run() {
        var outputs = new StackOutputs(Map.of("mltraining.loginServer", TextNode.valueOf("mltraining3f2a1b.azurecr.io")));
        try (var azure = new AzureChecks(new AzureClients(STUB.uri(), AzureChecksTest.credential("test-token"), "sub-1", null, LIMITS), Catalog.bundled(), LIMITS)) {
            List<CheckResult> results = new CheckRunner(LIMITS, r -> { }).run(azure.verify(STUB.config(), outputs)).results();
            assertThat(results).hasSize(1);
            return results.get(0);
        }
    }

    private static void registries(String sku, boolean admin, String retentionStatus, int days) {
        STUB.server().stubFor(get(urlPathEqualTo(LIST)).withQueryParam("api-version", equalTo("2023-07-01"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"value\":["
                        + "{\"id\":\"/subscriptions/sub-1/resourceGroups/other/providers/Microsoft.ContainerRegistry/registries/other\",\"name\":\"other\","
                        + "\"location\":\"westus\",\"sku\":{\"name\":\"Basic\",\"tier\":\"Basic\"},\"properties\":{\"loginServer\":\"other.azurecr.io\",\"adminUserEnabled\":true}},"
                        + "{\"id\":\"/subscriptions/sub-1/resourceGroups/mltraining-rg/providers/Microsoft.ContainerRegistry/registries/mltraining3f2a1b\","
                        + "\"name\":\"mltraining3f2a1b\",\"location\":\"eastus\",\"sku\":{\"name\":\"" + sku + "\",\"tier\":\"" + sku + "\"},"
                        + "\"properties\":{\"loginServer\":\"mltraining3f2a1b.azurecr.io\",\"adminUserEnabled\":" + admin + ",\"provisioningState\":\"Succeeded\","
                        + "\"policies\":{\"quarantinePolicy\":{\"status\":\"disabled\"},\"trustPolicy\":{\"type\":\"Notary\",\"status\":\"disabled\"},"
                        + "\"retentionPolicy\":{\"days\":" + days + ",\"status\":\"" + retentionStatus + "\"}}}}]}")));
    }

    @Test
    void verify_asConfigured_passes() {
        registries("Premium", false, "enabled", 7);

        CheckResult r = run();

        assertThat(r.status()).as(r.detail()).isEqualTo(Status.PASS);
        assertThat(r.detail()).isEqualTo("SKU Premium, admin user off, untagged manifests kept 7 days");
    }

    @Test
    void verify_eachDrift_fails() {
        registries("Standard", true, "disabled", 7);

        CheckResult r = run();

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.detail()).isEqualTo("SKU Standard, expected Premium; admin user on, expected off; retention disabled 7 days, expected enabled 7 days");
    }

    @Test
    void verify_registryNotInTheSubscription_fails() {
        STUB.server().stubFor(get(urlPathEqualTo(LIST)).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"value\":[]}")));

        CheckResult r = run();

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.detail()).isEqualTo("no registry with login server mltraining3f2a1b.azurecr.io in this subscription");
    }
}
