package dev.derrick.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.derrick.plan.Plan;
import dev.derrick.plan.PlanEngine;
import dev.derrick.plan.PlannedResource;
import dev.derrick.platform.DerrickProgram;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A GKE A3 pool with {@code network: {gpuDirect: true}} through the real program: its four GPU networks, multi-networking, the GPU NICs. */
class GkeGpuNetworkTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Plan plan;

    @BeforeAll
    static void planCluster() {
        var config = new LinkedHashMap<String, String>();
        config.put("derrick:environment", "dev");
        config.put("derrick:region", "us-central1");
        config.put("derrick:gcpProject", "ml-platform-dev");
        config.put("derrick:clusters", """
                [{"name": "train", "target": "gcp", "zones": ["us-central1-a", "us-central1-c"],
                  "nodePools": [
                    {"name": "system", "machineType": "e2-standard-4", "min": 1, "max": 2},
                    {"name": "h100", "accelerator": "h100-80gb", "gpusPerNode": 8, "min": 0, "max": 2, "zones": ["us-central1-c"],
                     "network": {"gpuDirect": true}},
                    {"name": "l4", "accelerator": "l4", "gpusPerNode": 1, "min": 0, "max": 2}
                  ]}]
                """);
        plan = PlanEngine.run("derrick", "test", config, Set.of(), DerrickProgram::stack);
    }

    private static JsonNode in(String type, String name) {
        return JSON.valueToTree(plan.named(type, name).orElseThrow(() -> new AssertionError("no " + type + " " + name + " in "
                + plan.resources().stream().map(PlannedResource::name).toList())).inputs());
    }

    @Test
    void a3HighPool_getsFourGpuNetworksWithMtu8244AndTheirSubnets() {
        assertThat(plan.ofType("gcp:compute/network:Network").stream().map(PlannedResource::name).toList())
                .containsExactlyInAnyOrder("train-network", "train-gpunet-0", "train-gpunet-1", "train-gpunet-2", "train-gpunet-3");
        JsonNode net = in("gcp:compute/network:Network", "train-gpunet-3");
        assertThat(net.path("mtu").asInt()).isEqualTo(8244);
        assertThat(net.path("name").asText()).isEqualTo("test-train-gpunet-3");
        assertThat(in("gcp:compute/subnetwork:Subnetwork", "train-gpunet-0-subnet").path("ipCidrRange").asText()).isEqualTo("192.169.0.0/20");
        assertThat(in("gcp:compute/subnetwork:Subnetwork", "train-gpunet-3-subnet").path("ipCidrRange").asText()).isEqualTo("192.169.48.0/20");
        assertThat(in("gcp:compute/firewall:Firewall", "train-gpunet-1-internal").path("sourceRanges").get(0).asText()).isEqualTo("192.169.16.0/20");
    }

    @Test
    void cluster_runsMultiNetworkingOnDataplaneV2_withANetworkObjectPerGpuNetwork() {
        JsonNode gke = in("gcp:container/cluster:Cluster", "train-gke");
        assertThat(gke.path("datapathProvider").asText()).isEqualTo("ADVANCED_DATAPATH");
        assertThat(gke.path("enableMultiNetworking").asBoolean()).isTrue();
        JsonNode params = in("kubernetes:networking.gke.io/v1:GKENetworkParamSet", "train-gpunet-0-paramset");
        assertThat(params.path("metadata").path("name").asText()).isEqualTo("vpc1");
        assertThat(params.path("spec").path("vpc").asText()).isEqualTo("test-train-gpunet-0");
        assertThat(params.path("spec").path("vpcSubnet").asText()).isEqualTo("test-train-gpunet-0-subnet");
        assertThat(params.path("spec").path("deviceMode").asText()).isEqualTo("NetDevice");
        JsonNode network = in("kubernetes:networking.gke.io/v1:Network", "train-gpunet-3-k8s-network");
        assertThat(network.path("metadata").path("name").asText()).isEqualTo("vpc4");
        assertThat(network.path("spec").path("parametersRef").path("name").asText()).isEqualTo("vpc4");
    }

    @Test
    void gpuDirectPool_attachesEveryGpuNetworkWithGvnic_otherPoolsDoNot() {
        JsonNode pool = in("gcp:container/nodePool:NodePool", "train-h100");
        assertThat(pool.path("networkConfig").path("additionalNodeNetworkConfigs").size()).isEqualTo(4);
        assertThat(pool.path("nodeConfig").path("gvnic").path("enabled").asBoolean()).isTrue();
        assertThat(pool.path("nodeConfig").path("machineType").asText()).isEqualTo("a3-highgpu-8g");
        assertThat(in("gcp:container/nodePool:NodePool", "train-l4").has("networkConfig")).isFalse();
        assertThat(GkeGpuNetwork.subnets(2)).isEqualTo(List.of("192.169.0.0/20", "192.169.16.0/20"));
    }
}
