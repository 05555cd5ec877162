package dev.derrick.cli.diff;

import dev.derrick.cli.render.DiffRenderer;
import dev.derrick.plan.PlannedResource;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A changed input that the provider cannot update in place is reported as a replacement, in text, JSON and the PR comment. */
class PlanDiffTest {
    private static final String URN = "urn:pulumi:%s::derrick::derrick:aws:Vpc$aws:ec2/subnet:Subnet::train-vpc-private-0";

    private static Snapshot snapshot(String stack, Map<String, Object> subnetInputs) {
        var resources = new LinkedHashMap<String, PlannedResource>();
        String urn = URN.formatted(stack);
        resources.put(urn, new PlannedResource(urn, "aws:ec2/subnet:Subnet", "train-vpc-private-0", "urn:pulumi:" + stack + "::derrick::derrick:aws:Vpc::train-vpc",
                true, null, subnetInputs, false, false, List.of(), List.of()));
        return new Snapshot(stack, resources, 1.0, 2.0, 0, Map.of());
    }

    @Test
    void between_whenSubnetCidrChanges_isAReplacementNotAnUpdate() {
        var before = snapshot("dev", Map.of("cidrBlock", "10.0.0.0/19", "tags", Map.of("team", "ml")));
        var after = snapshot("dev", Map.of("cidrBlock", "10.0.32.0/19", "tags", Map.of("team", "ml")));

        PlanDiff d = PlanDiff.between(before, after);

        assertThat(d.changed()).singleElement().satisfies(c -> assertThat(c.forcing()).containsExactly("cidrBlock"));
        assertThat(d.updated()).isEmpty();
        assertThat(d.replacements()).isEqualTo(1);
        assertThat(DiffRenderer.summary(d)).contains("0 to change").contains("1 to replace (1 by an input that forces it, 0 URN changed)");
        assertThat(DiffRenderer.text(d)).contains("-/+ aws:ec2/subnet:Subnet  train-vpc-private-0  (replacement)")
                .contains("cidrBlock: 10.0.0.0/19 -> 10.0.32.0/19  (forces replacement)");
        assertThat(DiffRenderer.markdown(d)).contains("**0 to add · 0 to change · 0 to remove · 1 to replace**")
                .contains("#### ⚠️ Replacements (an input forces delete and create)").contains("`cidrBlock` 10.0.0.0/19 → 10.0.32.0/19");
        @SuppressWarnings("unchecked")
        var changed = (List<Map<String, Object>>) DiffRenderer.json(d).get("changed");
        assertThat(changed.get(0)).containsEntry("replacement", true).containsEntry("forcesReplacement", List.of("cidrBlock"));
    }

    @Test
    void between_whenOnlyTagsChange_isAnUpdateInPlace() {
        var before = snapshot("dev", Map.of("cidrBlock", "10.0.0.0/19", "tags", Map.of("team", "ml")));
        var after = snapshot("dev", Map.of("cidrBlock", "10.0.0.0/19", "tags", Map.of("team", "research")));

        PlanDiff d = PlanDiff.between(before, after);

        assertThat(d.updated()).hasSize(1);
        assertThat(d.replacements()).isZero();
        assertThat(DiffRenderer.text(d)).contains("~ aws:ec2/subnet:Subnet").doesNotContain("forces replacement");
    }

    private static PlanDiff change(String type, String name, Map<String, Object> before, Map<String, Object> after) {
        return PlanDiff.between(one("dev", type, name, before), one("dev", type, name, after));
    }

    private static Snapshot one(String stack, String type, String name, Map<String, Object> inputs) {
        String urn = "urn:pulumi:" + stack + "::derrick::derrick:c:C$" + type + "::" + name;
        var resources = new LinkedHashMap<String, PlannedResource>();
        resources.put(urn, new PlannedResource(urn, type, name, "urn:pulumi:" + stack + "::derrick::derrick:c:C::c",
                true, null, inputs, false, false, List.of(), List.of()));
        return new Snapshot(stack, resources, 1.0, 2.0, 0, Map.of());
    }

    private static Map<String, Object> gkePool(String machineType, String team, List<Map<String, Object>> accelerators) {
        var nodeConfig = new LinkedHashMap<String, Object>();
        nodeConfig.put("machineType", machineType);
        nodeConfig.put("labels", Map.of("team", team));
        if (accelerators != null) {
            nodeConfig.put("guestAccelerators", accelerators);
        }
        return Map.of("cluster", "gcp-prod-train", "name", "h100", "nodeConfig", nodeConfig,
                "autoscaling", Map.of("totalMinNodeCount", 0, "totalMaxNodeCount", 4));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> changedJson(PlanDiff d) {
        return ((List<Map<String, Object>>) DiffRenderer.json(d).get("changed")).get(0);
    }

    @Test
    void between_whenAGkeNodePoolMachineTypeChanges_isAReplacementInTextJsonAndMarkdown() {
        PlanDiff d = change("gcp:container/nodePool:NodePool", "train-h100",
                gkePool("a3-highgpu-8g", "ml", null), gkePool("a3-megagpu-8g", "ml", null));

        assertThat(d.replacements()).isEqualTo(1);
        assertThat(DiffRenderer.text(d)).contains("-/+ gcp:container/nodePool:NodePool  train-h100  (replacement)")
                .contains("nodeConfig.machineType: a3-highgpu-8g -> a3-megagpu-8g  (forces replacement)");
        assertThat(changedJson(d)).containsEntry("replacement", true).containsEntry("forcesReplacement", List.of("nodeConfig.machineType"));
        assertThat(DiffRenderer.markdown(d)).contains("**0 to add · 0 to change · 0 to remove · 1 to replace**")
                .contains("`nodeConfig.machineType` a3-highgpu-8g → a3-megagpu-8g");
    }

    @Test
    void between_whenGkeNodeLabelsOrAutoscalingChange_isAnUpdateInPlace() {
        var before = new LinkedHashMap<>(gkePool("a3-highgpu-8g", "ml", null));
        var after = new LinkedHashMap<>(gkePool("a3-highgpu-8g", "research", null));
        after.put("autoscaling", Map.of("totalMinNodeCount", 0, "totalMaxNodeCount", 8));

        PlanDiff d = change("gcp:container/nodePool:NodePool", "train-h100", before, after);

        assertThat(d.updated()).hasSize(1);
        assertThat(d.replacements()).isZero();
        assertThat(DiffRenderer.text(d)).contains("~ gcp:container/nodePool:NodePool  train-h100").doesNotContain("forces replacement");
    }

    @Test
    void between_whenAGkeGuestAcceleratorIsAddedOrItsCountChanges_isAReplacement() {
        var h100x8 = List.<Map<String, Object>>of(Map.of("type", "nvidia-h100-80gb", "count", 8));
        var h100x4 = List.<Map<String, Object>>of(Map.of("type", "nvidia-h100-80gb", "count", 4));

        assertThat(change("gcp:container/nodePool:NodePool", "p", gkePool("a3-highgpu-8g", "ml", null), gkePool("a3-highgpu-8g", "ml", h100x8))
                .changed().get(0).forcing()).containsExactly("nodeConfig.guestAccelerators");
        assertThat(change("gcp:container/nodePool:NodePool", "p", gkePool("a3-highgpu-8g", "ml", h100x8), gkePool("a3-highgpu-8g", "ml", h100x4))
                .changed().get(0).forcing()).containsExactly("nodeConfig.guestAccelerators[0].count");
    }

    @Test
    void between_whenAGcpSubnetworkRangeGrows_isAnUpdate_andWhenItShrinksOrMoves_aReplacement() {
        String t = "gcp:compute/subnetwork:Subnetwork";
        assertThat(change(t, "s", Map.of("ipCidrRange", "10.0.0.0/16"), Map.of("ipCidrRange", "10.0.0.0/15")).replacements()).isZero();
        assertThat(change(t, "s", Map.of("ipCidrRange", "10.0.0.0/16"), Map.of("ipCidrRange", "10.0.0.0/17")).replacements()).isEqualTo(1);
        assertThat(change(t, "s", Map.of("ipCidrRange", "10.0.0.0/16"), Map.of("ipCidrRange", "10.1.0.0/16")).replacements()).isEqualTo(1);
        assertThat(change(t, "s", Map.of("region", "us-central1"), Map.of("region", "us-east1")).replacements()).isEqualTo(1);
    }

    @Test
    void between_whenAnAksAgentPoolIsRenamed_isAReplacement_andAVmSizeChangeIsFlaggedAsRejectedInPlace() {
        String t = "azure-native:containerservice:AgentPool";
        PlanDiff renamed = change(t, "train-h100", Map.of("agentPoolName", "h100", "vmSize", "Standard_ND96isr_H100_v5"),
                Map.of("agentPoolName", "h100b", "vmSize", "Standard_ND96isr_H100_v5"));
        assertThat(renamed.replacements()).isEqualTo(1);
        assertThat(DiffRenderer.text(renamed)).contains("agentPoolName: h100 -> h100b  (forces replacement)");

        PlanDiff resized = change(t, "train-h100", Map.of("agentPoolName", "h100", "vmSize", "Standard_ND96isr_H100_v5", "maxCount", 4),
                Map.of("agentPoolName", "h100", "vmSize", "Standard_ND96amsr_A100_v4", "maxCount", 4));
        assertThat(resized.replacements()).isZero();
        assertThat(resized.updated()).singleElement().satisfies(c -> assertThat(c.rejected()).containsExactly("vmSize"));
        assertThat(DiffRenderer.text(resized)).contains("vmSize: Standard_ND96isr_H100_v5 -> Standard_ND96amsr_A100_v4  (cannot change in place: the update will fail)")
                .contains("rename the pool (agentPoolName) to replace it");
        assertThat(changedJson(resized)).containsEntry("replacement", false).containsEntry("rejectedInPlace", List.of("vmSize"));
        assertThat(DiffRenderer.markdown(resized)).contains("#### ❌ Changes the cloud rejects in place (the update will fail)")
                .contains("`vmSize` Standard_ND96isr_H100_v5 → Standard_ND96amsr_A100_v4");

        PlanDiff scaled = change(t, "train-h100", Map.of("agentPoolName", "h100", "maxCount", 4), Map.of("agentPoolName", "h100", "maxCount", 8));
        assertThat(scaled.updated()).singleElement().satisfies(c -> assertThat(c.rejected()).isEmpty());
    }

    @Test
    void between_whenAnAksClusterDnsPrefixOrNetworkProfileChanges_isAReplacement_butTagsAreNot() {
        String t = "azure-native:containerservice:ManagedCluster";
        assertThat(change(t, "aks", Map.of("dnsPrefix", "a"), Map.of("dnsPrefix", "b")).replacements()).isEqualTo(1);
        assertThat(change(t, "aks", Map.of("networkProfile", Map.of("podCidr", "10.244.0.0/16")), Map.of("networkProfile", Map.of("podCidr", "10.245.0.0/16")))
                .changed().get(0).forcing()).containsExactly("networkProfile.podCidr");
        assertThat(change(t, "aks", Map.of("tags", Map.of("team", "ml")), Map.of("tags", Map.of("team", "x"))).replacements()).isZero();
    }

    @Test
    void between_whenAKubernetesObjectIsRenamedOrAConfigMapsDataChanges_isAReplacement_butLabelsAreNot() {
        assertThat(change("kubernetes:core/v1:Namespace", "ns", Map.of("metadata", Map.of("name", "monitoring")), Map.of("metadata", Map.of("name", "obs")))
                .replacements()).isEqualTo(1);
        assertThat(change("kubernetes:core/v1:ConfigMap", "cm", Map.of("data", Map.of("a", "1")), Map.of("data", Map.of("a", "2"))).replacements()).isEqualTo(1);
        assertThat(change("kubernetes:core/v1:Namespace", "ns", Map.of("metadata", Map.of("name", "m", "labels", Map.of("a", "1"))),
                Map.of("metadata", Map.of("name", "m", "labels", Map.of("a", "2")))).replacements()).isZero();
    }

    @Test
    void forcing_whenANestedOrListInputChanges_matchesItsTopLevelEntry() {
        var table = ReplacementInputs.bundled();

        assertThat(table.forcing("aws:eks/nodeGroup:NodeGroup", List.of("instanceTypes[0]", "scalingConfig.maxSize", "labels.team")))
                .containsExactly("instanceTypes[0]");
        assertThat(table.forcing("aws:eks/cluster:Cluster", List.of("vpcConfig.endpointPublicAccess", "name"))).containsExactly("name");
        assertThat(table.sourceOf("aws:ec2/subnet:Subnet")).isEqualTo("tf-aws-subnet");
    }
}
