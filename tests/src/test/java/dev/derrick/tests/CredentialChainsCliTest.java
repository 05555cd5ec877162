package dev.derrick.tests;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * `./derrick preflight` on a machine with no GCP or Azure credentials, through the real chains
 * (Application Default Credentials, DefaultAzureCredential) in a CLI process whose HOME is empty:
 * every check is UNKNOWN (no credentials) with the fix, the run exits 0, and nothing reaches the
 * API endpoint (a WireMock on 127.0.0.1 that records every request).
 */
class CredentialChainsCliTest {
    static WireMockServer api;

    @TempDir
    Path home;

    @BeforeAll
    static void start() {
        api = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        api.start();
    }

    @AfterAll
    static void stop() {
        api.stop();
    }

    private Map<String, String> emptyMachine() {
        var env = new HashMap<String, String>();
        env.put("HOME", home.toString());
        env.put("CLOUDSDK_CONFIG", home.resolve("gcloud").toString());
        env.put("NO_GCE_CHECK", "true"); // ADC: do not probe a metadata server (none on a developer machine or CI)
        for (String v : new String[]{"GOOGLE_APPLICATION_CREDENTIALS", "AZURE_CLIENT_ID", "AZURE_TENANT_ID", "AZURE_CLIENT_SECRET",
                "AZURE_FEDERATED_TOKEN_FILE", "AZURE_USERNAME", "IDENTITY_ENDPOINT", "MSI_ENDPOINT"}) {
            env.put(v, null);
        }
        return env;
    }

    @Test
    void gcpPreflight_withoutApplicationDefaultCredentials_isUnknownNoCredentialsAndSendsNothing() {
        api.resetAll();

        Cli.Result r = Cli.run(emptyMachine(), "preflight", "-s", "gcp-prod", "--endpoint", "gcp=http://127.0.0.1:" + api.port(), "--no-progress");

        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("UNKNOWN  gcp.accelerator-type").contains("no credentials - Application Default Credentials found none")
                .contains("gcloud auth application-default login").doesNotContain("PASS").doesNotContain("FAIL");
        assertThat(api.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void azurePreflight_withoutCredentials_isUnknownNoCredentialsAndSendsNothing() {
        api.resetAll();
        var withSubscription = emptyMachine();
        withSubscription.put("AZURE_SUBSCRIPTION_ID", "00000000-0000-0000-0000-000000000000");

        // (Without AZURE_SUBSCRIPTION_ID the chain is not even asked: AzureChecksTest covers that case in-process.)
        Cli.Result chain = Cli.run(withSubscription, "preflight", "-s", "azure-prod", "--endpoint", "azure=http://127.0.0.1:" + api.port(), "--no-progress");

        assertThat(chain.exitCode()).as(chain.all()).isZero();
        assertThat(chain.out()).contains("UNKNOWN  azure.vm-size").contains("no credentials - DefaultAzureCredential found none that works")
                .contains("az login").doesNotContain("PASS").doesNotContain("FAIL");
        assertThat(api.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }
}
