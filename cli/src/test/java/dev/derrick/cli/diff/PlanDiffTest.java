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

    @Test
    void forcing_whenANestedOrListInputChanges_matchesItsTopLevelEntry() {
        var table = ReplacementInputs.bundled();

        assertThat(table.forcing("aws:eks/nodeGroup:NodeGroup", List.of("instanceTypes[0]", "scalingConfig.maxSize", "labels.team")))
                .containsExactly("instanceTypes[0]");
        assertThat(table.forcing("aws:eks/cluster:Cluster", List.of("vpcConfig.endpointPublicAccess", "name"))).containsExactly("name");
        assertThat(table.sourceOf("aws:ec2/subnet:Subnet")).isEqualTo("tf-aws-subnet");
    }
}
