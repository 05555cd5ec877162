package dev.derrick.karpenter;

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
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an EKS cluster with Karpenter pools registers, through the real program and the SDK's mock engine: the wiring
 * between the AWS side (roles, queue, Pod Identity, discovery tags) and the in-cluster side (chart values, EC2NodeClass,
 * NodePool) that has to agree for Karpenter to launch a node.
 */
class KarpenterComponentTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NODEPOOL = "kubernetes:karpenter.sh/v1:NodePool";
    private static final String NODECLASS = "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass";
    private static final String RELEASE = "kubernetes:helm.sh/v3:Release";
    private static Plan plan;

    @BeforeAll
    static void planCluster() {
        var config = new LinkedHashMap<String, String>();
        config.put("derrick:environment", "dev");
        config.put("derrick:region", "us-east-1");
        config.put("derrick:clusters", """
                [{"name": "train", "target": "aws", "zones": ["us-east-1a", "us-east-1b"],
                  "nodePools": [
                    {"name": "system", "machineType": "m6i.xlarge", "min": 2, "max": 3},
                    {"name": "l4", "accelerator": "l4", "capacity": "spot-preferred", "min": 0, "max": 3, "zones": ["us-east-1b"],
                     "labels": {"team": "research"},
                     "karpenter": {"families": ["g6"], "sizes": ["12xlarge", "48xlarge"], "consolidateAfter": "45m", "weight": 10,
                                   "amiFamily": "bottlerocket", "volume": {"dataVolumeGb": 300}}},
                    {"name": "h100", "accelerator": "h100-80gb", "gpusPerNode": 8, "capacity": "reserved", "min": 0, "max": 2,
                     "karpenter": {"capacityReservations": ["cr-0123456789abcdef0"], "budgets": [{"nodes": "0", "reasons": ["Drifted"]}]}},
                    {"name": "warm", "accelerator": "l4", "gpusPerNode": 1, "min": 1, "max": 2, "provisioner": "node-group"}
                  ]}]
                """);
        plan = PlanEngine.run("derrick", "test", config, Set.of(), DerrickProgram::stack);
    }

    private static PlannedResource one(String type, String name) {
        return plan.named(type, name).orElseThrow(() -> new AssertionError("no " + type + " " + name + " in "
                + plan.resources().stream().map(PlannedResource::name).toList()));
    }

    private static JsonNode in(PlannedResource r) {
        return JSON.valueToTree(r.inputs());
    }

    @Test
    void karpenterPoolsHaveNoNodeGroup_nodeGroupPoolsKeepTheirs() {
        var groups = plan.ofType("aws:eks/nodeGroup:NodeGroup").stream().map(PlannedResource::name).toList();
        assertThat(groups).containsExactlyInAnyOrder("train-system", "train-warm");
        assertThat(plan.ofType(NODEPOOL).stream().map(PlannedResource::name).toList())
                .containsExactlyInAnyOrder("train-karpenter-l4-nodepool", "train-karpenter-h100-nodepool");
    }

    @Test
    void nodePool_compilesTheFlexibleChoiceCapacityZonesAndLimits() {
        JsonNode spec = in(one(NODEPOOL, "train-karpenter-l4-nodepool")).path("spec");
        var req = new LinkedHashMap<String, List<String>>();
        spec.path("template").path("spec").path("requirements").forEach(r -> {
            assertThat(r.path("operator").asText()).isEqualTo("In");
            req.put(r.path("key").asText(), JSON.convertValue(r.path("values"), List.class));
        });
        assertThat(req).containsEntry("karpenter.sh/capacity-type", List.of("spot", "on-demand"))
                .containsEntry("node.kubernetes.io/instance-type", List.of("g6.12xlarge", "g6.48xlarge"))
                .containsEntry("karpenter.k8s.aws/instance-family", List.of("g6"))
                .containsEntry("kubernetes.io/arch", List.of("amd64"))
                .containsEntry("topology.kubernetes.io/zone", List.of("us-east-1b"));
        // max 3 nodes of the largest type (g6.48xlarge: 8 GPUs, 192 vCPUs)
        assertThat(spec.path("limits").path("nvidia.com/gpu").asText()).isEqualTo("24");
        assertThat(spec.path("limits").path("cpu").asText()).isEqualTo("576");
        assertThat(spec.path("disruption").path("consolidationPolicy").asText()).isEqualTo("WhenEmpty");
        assertThat(spec.path("disruption").path("consolidateAfter").asText()).isEqualTo("45m");
        assertThat(spec.path("weight").asInt()).isEqualTo(10);
        JsonNode labels = spec.path("template").path("metadata").path("labels");
        assertThat(labels.path("derrick.dev/pool").asText()).isEqualTo("l4");
        assertThat(labels.path("team").asText()).isEqualTo("research");
        assertThat(labels.has("derrick.dev/gpu-count")).as("4 or 8 GPUs: no single count to label").isFalse();
        assertThat(spec.path("template").path("spec").path("taints").toString()).contains("nvidia.com/gpu").contains("NoSchedule");
        assertThat(spec.path("template").path("spec").path("nodeClassRef").path("name").asText()).isEqualTo("l4");
    }

    @Test
    void nodeClass_selectsTheTaggedSubnetsAndSecurityGroup_andRunsAsTheAccessEntrysRole() {
        JsonNode spec = in(one(NODECLASS, "train-karpenter-l4-nodeclass")).path("spec");
        assertThat(spec.path("subnetSelectorTerms").get(0).path("tags").path("karpenter.sh/discovery").asText()).isEqualTo("test-train");
        assertThat(spec.path("securityGroupSelectorTerms").get(0).path("tags").path("karpenter.sh/discovery").asText()).isEqualTo("test-train");
        var privateSubnets = plan.ofType("aws:ec2/subnet:Subnet").stream().filter(s -> s.name().contains("-private-")).toList();
        assertThat(privateSubnets).hasSize(2).allSatisfy(s -> assertThat(in(s).path("tags").path("karpenter.sh/discovery").asText()).isEqualTo("test-train"));
        var publicSubnets = plan.ofType("aws:ec2/subnet:Subnet").stream().filter(s -> s.name().contains("-public-")).toList();
        assertThat(publicSubnets).allSatisfy(s -> assertThat(in(s).path("tags").has("karpenter.sh/discovery")).isFalse());
        assertThat(in(one("aws:ec2/tag:Tag", "train-karpenter-security-group-discovery")).path("key").asText()).isEqualTo("karpenter.sh/discovery");

        String role = spec.path("role").asText();
        assertThat(in(one("aws:iam/role:Role", "train-karpenter-node-role")).path("name").asText()).isEqualTo(role);
        JsonNode access = in(one("aws:eks/accessEntry:AccessEntry", "train-karpenter-node-access"));
        assertThat(access.path("type").asText()).isEqualTo("EC2_LINUX");
        // bottlerocket: 4 GiB OS volume, the pool's disk for containers, then the data volume; all encrypted
        JsonNode devices = spec.path("blockDeviceMappings");
        assertThat(devices).hasSize(3);
        assertThat(devices.get(0).path("deviceName").asText()).isEqualTo("/dev/xvda");
        assertThat(devices.get(1).path("ebs").path("volumeSize").asText()).isEqualTo("200Gi");
        assertThat(devices.get(2).path("ebs").path("volumeSize").asText()).isEqualTo("300Gi");
        devices.forEach(d -> assertThat(d.path("ebs").path("encrypted").asBoolean()).isTrue());
        assertThat(spec.path("amiSelectorTerms").get(0).path("alias").asText()).isEqualTo("bottlerocket@latest");
    }

    @Test
    void reservedPool_launchesIntoItsReservations() {
        JsonNode pool = in(one(NODEPOOL, "train-karpenter-h100-nodepool")).path("spec");
        assertThat(pool.path("template").path("spec").path("requirements").get(0).path("values").toString()).isEqualTo("[\"reserved\"]");
        assertThat(pool.path("disruption").path("budgets").get(0).path("reasons").toString()).isEqualTo("[\"Drifted\"]");
        JsonNode nodeClass = in(one(NODECLASS, "train-karpenter-h100-nodeclass")).path("spec");
        assertThat(nodeClass.path("capacityReservationSelectorTerms").get(0).path("id").asText()).isEqualTo("cr-0123456789abcdef0");
    }

    @Test
    void controller_isTheChartsServiceAccount_boundByPodIdentity_onTheSystemNodeGroup() {
        JsonNode values = in(one(RELEASE, "train-karpenter-release")).path("values");
        JsonNode assoc = in(one("aws:eks/podIdentityAssociation:PodIdentityAssociation", "train-karpenter-pod-identity"));
        assertThat(assoc.path("serviceAccount").asText()).isEqualTo(values.path("serviceAccount").path("name").asText());
        assertThat(assoc.path("namespace").asText()).isEqualTo(in(one(RELEASE, "train-karpenter-release")).path("namespace").asText());
        assertThat(values.path("settings").path("clusterName").asText()).isEqualTo("test-train");
        assertThat(values.path("settings").path("interruptionQueue").asText())
                .isEqualTo(in(one("aws:sqs/queue:Queue", "train-karpenter-interruption-queue")).path("name").asText());
        assertThat(values.path("nodeSelector").path("derrick.dev/pool").asText()).isEqualTo("system");
        assertThat(values.path("replicas").asInt()).as("the system pool keeps 2 nodes").isEqualTo(2);
        assertThat(in(one(RELEASE, "train-karpenter-release")).path("skipCrds").asBoolean()).isTrue();
        assertThat(in(one(RELEASE, "train-karpenter-crds")).path("chart").asText()).isEqualTo("oci://public.ecr.aws/karpenter/karpenter-crd");
        assertThat(in(one("aws:iam/role:Role", "train-karpenter-controller-role")).path("assumeRolePolicy").asText())
                .contains("pods.eks.amazonaws.com").contains("sts:TagSession");
        assertThat(plan.ofType("aws:cloudwatch/eventRule:EventRule")).hasSize(5);
        assertThat(plan.ofType("aws:iam/policy:Policy")).hasSize(6);
    }

    @Test
    void nodePools_waitForTheController_whichWaitsForItsIdentity() {
        PlannedResource release = one(RELEASE, "train-karpenter-release");
        PlannedResource nodePool = one(NODEPOOL, "train-karpenter-l4-nodepool");
        assertThat(nodePool.dependencies()).contains(release.urn(), one(NODECLASS, "train-karpenter-l4-nodeclass").urn());
        assertThat(release.dependencies()).contains(one(RELEASE, "train-karpenter-crds").urn(),
                one("aws:eks/podIdentityAssociation:PodIdentityAssociation", "train-karpenter-pod-identity").urn(),
                one("aws:eks/accessEntry:AccessEntry", "train-karpenter-node-access").urn());
    }

    @Test
    void controllerPolicies_areScopedToThisCluster() throws Exception {
        // In a plan the documents wait for the cluster's ARN (unknown until the cluster exists); fill() is what runs then.
        assertThat(in(one("aws:iam/policy:Policy", "train-karpenter-NodeLifecyclePolicy")).path("policy").asText()).isEqualTo(PlannedResource.UNKNOWN);
        assertThat(Karpenter.fill("{\"r\":\"arn:${Partition}:eks:${Region}:${AccountId}:cluster/${ClusterName}\",\"q\":\"${QueueArn}\"}",
                "arn:aws-cn:eks:cn-north-1:123456789012:cluster/test-train", "arn:role", "arn:queue", "test-train", "cn-north-1"))
                .isEqualTo("{\"r\":\"arn:aws-cn:eks:cn-north-1:123456789012:cluster/test-train\",\"q\":\"arn:queue\"}");
        assertThat(Karpenter.policyDocuments().values().toString()).doesNotContain("${AWS::");
        for (var e : Karpenter.policyDocuments().entrySet()) {
            String filled = Karpenter.fill(e.getValue().toString(), "arn:aws:eks:us-east-1:123456789012:cluster/test-train",
                    "arn:aws:iam::123456789012:role/test-train-karpenter-node", "arn:aws:sqs:us-east-1:123456789012:test-train", "test-train", "us-east-1");
            assertThat(filled).as(e.getKey()).doesNotContain("${");
            assertThat(JSON.readTree(filled).path("Statement").size()).as(e.getKey()).isPositive();
        }
        assertThat(Karpenter.policyDocuments().get("NodeLifecyclePolicy").toString()).contains("aws:ResourceTag/kubernetes.io/cluster/${ClusterName}");
    }
}
