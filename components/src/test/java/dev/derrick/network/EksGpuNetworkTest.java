package dev.derrick.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.derrick.plan.Plan;
import dev.derrick.plan.PlanEngine;
import dev.derrick.plan.PlannedResource;
import dev.derrick.platform.DerrickProgram;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * EFA on EKS through the real program: a p5.48xlarge node group and a p5.48xlarge Karpenter pool with
 * {@code network: {efa: true}} in one zone get their 32 EFA interfaces, a cluster placement group, the EFA security
 * group with its self rules, and the EFA device plugin; pools without {@code network:} keep their plain node group.
 */
class EksGpuNetworkTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NODECLASS = "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass";
    private static Plan plan;

    @BeforeAll
    static void planCluster() {
        var config = new LinkedHashMap<String, String>();
        config.put("derrick:environment", "dev");
        config.put("derrick:region", "us-east-1");
        config.put("derrick:clusters", """
                [{"name": "train", "target": "aws", "zones": ["us-east-1a", "us-east-1b", "us-east-1c"],
                  "nodePools": [
                    {"name": "system", "machineType": "m6i.xlarge", "min": 2, "max": 3},
                    {"name": "h100", "accelerator": "h100-80gb", "gpusPerNode": 8, "min": 0, "max": 2, "zones": ["us-east-1a"],
                     "provisioner": "node-group", "diskSizeGb": 500, "network": {"efa": true}},
                    {"name": "burst", "accelerator": "h100-80gb", "gpusPerNode": 8, "min": 0, "max": 4, "zones": ["us-east-1b"],
                     "network": {"efa": true}},
                    {"name": "l4", "accelerator": "l4", "gpusPerNode": 1, "min": 1, "max": 2, "provisioner": "node-group"}
                  ]}]
                """);
        plan = PlanEngine.run("derrick", "test", config, Set.of(), DerrickProgram::stack);
    }

    private static PlannedResource one(String type, String name) {
        return plan.named(type, name).orElseThrow(() -> new AssertionError("no " + type + " " + name + " in "
                + plan.resources().stream().map(r -> r.type() + " " + r.name()).toList()));
    }

    private static JsonNode in(PlannedResource r) {
        return JSON.valueToTree(r.inputs());
    }

    @Test
    void nodeGroupPool_getsALaunchTemplateWith32EfaInterfacesPlacementGroupAndRootVolume() {
        JsonNode lt = in(one("aws:ec2/launchTemplate:LaunchTemplate", "train-h100-launch-template"));
        JsonNode nics = lt.path("networkInterfaces");
        assertThat(nics.size()).as("1 ENA + 32 EFA-only (catalog: p5.48xlarge takes 32)").isEqualTo(33);
        assertThat(nics.get(0).path("interfaceType").asText()).isEqualTo("interface");
        assertThat(nics.get(0).path("networkCardIndex").asInt()).isZero();
        assertThat(nics.get(1).path("interfaceType").asText()).isEqualTo("efa-only");
        assertThat(nics.get(1).path("deviceIndex").asInt()).isEqualTo(1);
        var cards = new ArrayList<Integer>();
        nics.forEach(n -> {
            if (n.path("interfaceType").asText().equals("efa-only")) {
                cards.add(n.path("networkCardIndex").asInt());
            }
        });
        assertThat(cards).as("one EFA per network card 0..31").hasSize(32).doesNotHaveDuplicates().contains(0, 31);
        assertThat(lt.path("placement").path("groupName").asText()).isEqualTo("test-train-h100");
        assertThat(lt.path("blockDeviceMappings").get(0).path("ebs").path("volumeSize").asInt()).isEqualTo(500);
        assertThat(lt.path("blockDeviceMappings").get(0).path("ebs").path("encrypted").asText()).isEqualTo("true");

        JsonNode group = in(one("aws:eks/nodeGroup:NodeGroup", "train-h100"));
        assertThat(group.has("launchTemplate")).as("node group uses the template").isTrue();
        assertThat(group.has("diskSize")).as("EKS refuses diskSize beside a launch template").isFalse();
        JsonNode plain = in(one("aws:eks/nodeGroup:NodeGroup", "train-l4"));
        assertThat(plain.has("launchTemplate")).as("a pool without network: keeps its plain node group").isFalse();
        assertThat(plain.path("diskSize").asInt()).isEqualTo(200);
    }

    @Test
    void placementGroups_areClusterStrategy_perEfaPool() {
        assertThat(in(one("aws:ec2/placementGroup:PlacementGroup", "train-h100-placement")).path("strategy").asText()).isEqualTo("cluster");
        assertThat(in(one("aws:ec2/placementGroup:PlacementGroup", "train-burst-placement")).path("name").asText()).isEqualTo("test-train-burst");
        assertThat(plan.ofType("aws:ec2/placementGroup:PlacementGroup")).hasSize(2);
    }

    @Test
    void efaSecurityGroup_admitsAllTrafficFromAndToItself() {
        JsonNode sg = in(one("aws:ec2/securityGroup:SecurityGroup", "train-efa"));
        assertThat(sg.path("tags").path(EksGpuNetwork.EFA_SG_TAG).asText()).isEqualTo("test-train");
        for (String type : List.of("ingress", "egress")) {
            JsonNode rule = in(one("aws:ec2/securityGroupRule:SecurityGroupRule", "train-efa-self-" + type));
            assertThat(rule.path("type").asText()).isEqualTo(type);
            assertThat(rule.path("self").asBoolean()).as(type + " self").isTrue();
            assertThat(rule.path("protocol").asText()).isEqualTo("-1");
        }
    }

    @Test
    void karpenterPool_getsEfaInterfacesEfaSecurityGroupAndPlacementGroupInItsNodeClass() {
        JsonNode spec = in(one(NODECLASS, "train-karpenter-burst-nodeclass")).path("spec");
        assertThat(spec.path("networkInterfaces").size()).isEqualTo(33);
        assertThat(spec.path("networkInterfaces").get(32).path("networkCardIndex").asInt()).isEqualTo(31);
        assertThat(JSON.convertValue(spec.path("securityGroupSelectorTerms"), List.class)).contains(
                Map.of("tags", Map.of("karpenter.sh/discovery", "test-train")), Map.of("tags", Map.of(EksGpuNetwork.EFA_SG_TAG, "test-train")));
        assertThat(spec.path("placementGroupSelector").path("name").asText()).isEqualTo("test-train-burst");
    }

    @Test
    void devicePlugin_isThePinnedChartAndToleratesTheGpuTaint() {
        JsonNode release = in(one("kubernetes:helm.sh/v3:Release", "train-efa-device-plugin"));
        assertThat(release.path("chart").asText()).isEqualTo("aws-efa-k8s-device-plugin");
        assertThat(release.path("version").asText()).isEqualTo("v0.5.30");
        assertThat(release.path("namespace").asText()).isEqualTo("kube-system");
        assertThat(release.path("values").path("tolerations").get(0).path("key").asText()).isEqualTo("nvidia.com/gpu");
    }

    @Test
    void efaInterfaces_followTheEc2Layout() {
        assertThat(EfaInterfaces.of(4)).containsExactly(new EfaInterfaces.Interface(0, 0, "interface"), new EfaInterfaces.Interface(0, 1, "efa-only"),
                new EfaInterfaces.Interface(1, 0, "efa-only"), new EfaInterfaces.Interface(2, 0, "efa-only"), new EfaInterfaces.Interface(3, 0, "efa-only"));
    }
}
