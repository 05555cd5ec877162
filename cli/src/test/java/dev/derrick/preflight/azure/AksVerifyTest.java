package dev.derrick.preflight.azure;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * AKS verify against WireMock stubs shaped like the documented Resource Manager responses, read
 * 2026-12-05: Managed Clusters - Get (https://learn.microsoft.com/en-us/rest/api/aks/managed-clusters/get?view=rest-aks-2024-05-01:
 * {@code properties.provisioningState, powerState.code, kubernetesVersion, currentKubernetesVersion}) and
 * Agent Pools - Get (https://learn.microsoft.com/en-us/rest/api/aks/agent-pools/get?view=rest-aks-2024-05-01:
 * {@code properties.count, vmSize, enableAutoScaling, minCount, maxCount, scaleSetPriority, provisioningState}).
 */
class AksVerifyTest {
    static final CheckLimits LIMITS = new CheckLimits(8, Duration.ofSeconds(30), 2);   // no timeout is tested here: a long limit keeps a loaded machine from turning a slow first call into UNKNOWN
    static final String CLUSTER = "/subscriptions/sub-1/resourceGroups/staging-train-rg/providers/Microsoft.ContainerService/managedClusters/staging-train";
    @RegisterExtension
    static final StubControlPlane STUB = new StubControlPlane("Pulumi.azure-checks.yaml");

    private static List<CheckResult> verify(Map<String, String> outputs) {
        var values = new HashMap<String, JsonNode>();
        outputs.forEach((k, v) -> values.put(k, TextNode.valueOf(v)));
        try (var azure = new AzureChecks(new AzureClients(STUB.uri(), AzureChecksTest.credential("test-token"), "sub-1", null, LIMITS), Catalog.bundled(), LIMITS)) {
            return new CheckRunner(LIMITS, r -> { }).run(azure.verify(STUB.config(), new StackOutputs(values))).results();
        }
    }

    private static CheckResult only(List<CheckResult> results, String id, String subject) {
        var found = results.stream().filter(r -> r.id().equals(id) && r.subject().startsWith(subject)).toList();
        assertThat(found).as(results.toString()).hasSize(1);
        return found.get(0);
    }

    private static void stub(String path, String body) {
        STUB.server().stubFor(get(urlPathEqualTo(path)).withQueryParam("api-version", equalTo("2024-05-01"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));
    }

    private static void cluster(String power) {
        stub(CLUSTER, "{\"id\":\"" + CLUSTER + "\",\"location\":\"eastus\",\"name\":\"staging-train\",\"type\":\"Microsoft.ContainerService/ManagedClusters\","
                + "\"properties\":{\"provisioningState\":\"Succeeded\",\"powerState\":{\"code\":\"" + power + "\"},\"kubernetesVersion\":\"1.35\","
                + "\"currentKubernetesVersion\":\"1.35.2\",\"dnsPrefix\":\"staging-train\",\"agentPoolProfiles\":[]}}");
    }

    private static void pool(String name, String size, String priority, int count, int min, int max) {
        stub(CLUSTER + "/agentPools/" + name, "{\"id\":\"" + CLUSTER + "/agentPools/" + name + "\",\"name\":\"" + name + "\","
                + "\"type\":\"Microsoft.ContainerService/managedClusters/agentPools\",\"properties\":{\"count\":" + count + ",\"vmSize\":\"" + size + "\","
                + "\"osType\":\"Linux\",\"enableAutoScaling\":true,\"minCount\":" + min + ",\"maxCount\":" + max + ",\"scaleSetPriority\":\"" + priority + "\","
                + "\"provisioningState\":\"Succeeded\",\"powerState\":{\"code\":\"Running\"},\"mode\":\"User\"}}");
    }

    @Test
    void verify_asDeployed_passesClusterAndEveryPool() {
        cluster("Running");
        pool("system", "Standard_D8s_v5", "Regular", 1, 1, 2);
        pool("h100", "Standard_ND96isr_H100_v5", "Regular", 0, 0, 2);

        List<CheckResult> results = verify(Map.of("train.clusterName", "staging-train", "train.resourceGroupName", "staging-train-rg"));

        assertThat(results).allSatisfy(r -> assertThat(r.status()).as(r.subject() + ": " + r.detail()).isEqualTo(Status.PASS));
        assertThat(only(results, "azure.aks-cluster", "train").detail()).isEqualTo("Succeeded, Running, Kubernetes 1.35.2");
        assertThat(only(results, "azure.aks-agentpool", "train/h100").detail()).isEqualTo("Succeeded, 0 node(s) in 0..2 x Standard_ND96isr_H100_v5, Regular");
    }

    @Test
    void verify_eachDrift_failsWithWhatDiffers() {
        cluster("Stopped");
        pool("system", "Standard_D8s_v5", "Regular", 1, 1, 2);
        pool("h100", "Standard_ND96isr_H100_v5", "Spot", 0, 0, 1);

        List<CheckResult> results = verify(Map.of("train.clusterName", "staging-train", "train.resourceGroupName", "staging-train-rg"));

        assertThat(only(results, "azure.aks-cluster", "train").detail()).isEqualTo("Succeeded, Stopped, Kubernetes 1.35.2, expected Succeeded, Running");
        assertThat(only(results, "azure.aks-agentpool", "train/system").status()).isEqualTo(Status.PASS);
        assertThat(only(results, "azure.aks-agentpool", "train/h100").detail()).isEqualTo("autoscaling 0..1, expected 0..2; priority Spot, expected Regular");
    }

    @Test
    void verify_withoutTheOutputs_failsWithTheFix() {
        List<CheckResult> results = verify(Map.of());

        assertThat(results).hasSize(3).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(Status.FAIL);
            assertThat(r.fix()).contains("the outputs have no 'train.clusterName'");
        });
    }
}
