package dev.derrick.tests;

import dev.derrick.cli.ProgramRunner;
import dev.derrick.cli.StackPlan;
import dev.derrick.cli.diff.PlanDiff;
import dev.derrick.cli.diff.PlanJsonReader;
import dev.derrick.cli.diff.Snapshot;
import dev.derrick.cli.render.DiffRenderer;
import dev.derrick.cli.render.JsonRenderer;
import dev.derrick.config.StackFiles;
import dev.derrick.cost.CostReport;
import dev.derrick.cost.PoolCost;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Cost arithmetic against hand-computed figures, and the diff of two known stacks. */
class CostAndDiffTest {
    private static StackPlan plan(String stack) {
        return ProgramRunner.run(Project.root(), StackFiles.load(Project.root(), stack));
    }

    private static PoolCost pool(CostReport c, String name) {
        return c.pools().stream().filter(p -> p.pool().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void devCost_whenComputed_matchesHandArithmetic() {
        // Catalog list prices (us-east-1): m6i.xlarge $0.192/h, g6.xlarge $0.8048/h; AWS spot assumed 60% off.
        CostReport c = plan("dev").cost();
        assertThat(pool(c, "system").hourlyAtMin()).isCloseTo(0.192, within(1e-9));
        assertThat(pool(c, "system").hourlyAtMax()).isCloseTo(2 * 0.192, within(1e-9));
        assertThat(pool(c, "gpu").usdPerNodeHour()).isCloseTo(0.8048 * 0.4, within(1e-9));
        assertThat(pool(c, "gpu").hourlyAtMin()).isZero();
        assertThat(c.hourlyAtMin()).isCloseTo(0.192, within(1e-9));
        assertThat(c.hourlyAtMax()).isCloseTo(0.384 + 2 * 0.32192, within(1e-9));
        assertThat(c.monthly(c.hourlyAtMax())).isCloseTo(1.02784 * 730, within(1e-6));
        assertThat(c.onDemandHourlyAtMax()).isCloseTo(0.384 + 2 * 0.8048, within(1e-9));
        assertThat(c.gpusAtMin()).isZero();
        assertThat(c.gpusAtMax()).isEqualTo(2);
    }

    @Test
    void prodCost_whenComputed_matchesHandArithmetic() {
        // m6i.2xlarge $0.384/h x 2..4 and p5.48xlarge $55.04/h x 0..4 on-demand; the l4 Karpenter pool (g6 12xlarge,
        // 24xlarge or 48xlarge, spot first) x 0..4 at its dearest node: g6.48xlarge $13.3504/h on-demand (the fallback).
        CostReport c = plan("prod").cost();
        assertThat(pool(c, "h100").instanceType()).isEqualTo("p5.48xlarge");
        assertThat(pool(c, "h100").hourlyAtMax()).isCloseTo(4 * 55.04, within(1e-9));
        assertThat(pool(c, "l4").instanceType()).isEqualTo("g6.48xlarge");
        assertThat(pool(c, "l4").hourlyAtMax()).isCloseTo(4 * 13.3504, within(1e-9));
        assertThat(pool(c, "l4").cheapest().instanceType()).isEqualTo("g6.12xlarge");
        assertThat(pool(c, "l4").cheapest().usdPerNodeHour()).as("4.6016 at the 60% spot discount").isCloseTo(4.6016 * 0.4, within(1e-9));
        assertThat(c.hourlyAtMin()).isCloseTo(2 * 0.384, within(1e-9));
        assertThat(c.hourlyAtMax()).isCloseTo(4 * 0.384 + 4 * 55.04 + 4 * 13.3504, within(1e-9));
        assertThat(c.hourlyAtMax()).isCloseTo(275.0976, within(1e-9));
        assertThat(c.gpusAtMin()).isZero();
        assertThat(c.gpusAtMax()).isEqualTo(4 * 8 + 4 * 8);
        assertThat(c.spotDiscounts()).containsOnlyKeys("aws");
    }

    @Test
    void diff_whenDevAgainstProd_namesWhatChanges() {
        PlanDiff d = PlanDiff.between(Snapshot.of(plan("prod")), Snapshot.of(plan("dev")));
        assertThat(d.added()).extracting(r -> r.name()).contains("train-karpenter-gpu-nodepool");
        assertThat(d.removed()).extracting(r -> r.name()).contains("train-karpenter-h100-nodepool", "train-karpenter-l4-nodepool", "checkpoints", "ml-serving");
        assertThat(d.moved()).isEmpty();
        var eks = d.changed().stream().filter(c -> c.after().type().equals("aws:eks/cluster:Cluster")).findFirst().orElseThrow();
        assertThat(eks.inputs()).containsKey("name").containsKey("vpcConfig.publicAccessCidrs[0]");
        assertThat(eks.inputs().get("vpcConfig.publicAccessCidrs[0]")).as("prod restricted, dev open").containsExactly("203.0.113.0/24", "0.0.0.0/0");
        assertThat(eks.inputs().get("name")).containsExactly("prod-train", "dev-train");
        assertThat(d.hourlyMaxDelta()).as("at plan JSON precision").isCloseTo(1.0278 - 275.0976, within(1e-9));
        assertThat(d.head().gpusMax()).isEqualTo(2);
        assertThat(d.base().gpusMax()).isEqualTo(64);
    }

    @Test
    void diff_whenBaseIsASavedPlanJson_equalsTheDiffAgainstTheStack() throws Exception {
        Path saved = Files.createTempFile("prod-plan", ".json");
        Files.writeString(saved, JsonRenderer.render(plan("prod")));
        PlanDiff fromFile = PlanDiff.between(PlanJsonReader.read(saved), Snapshot.of(plan("dev")));
        PlanDiff fromStack = PlanDiff.between(Snapshot.of(plan("prod")), Snapshot.of(plan("dev")));
        assertThat(DiffRenderer.text(fromFile)).isEqualTo(DiffRenderer.text(fromStack));
        Files.delete(saved);
    }

    @Test
    void diff_whenStackAgainstItsOwnSavedPlanJson_showsNoCostChange() throws Exception {
        // The saved JSON keeps 4 decimals (dev: $1.02784/h -> 1.0278); unrounded fresh figures showed "-$0.03/month".
        Path saved = Files.createTempFile("dev-plan", ".json");
        Files.writeString(saved, JsonRenderer.render(plan("dev")));
        PlanDiff d = PlanDiff.between(PlanJsonReader.read(saved), Snapshot.of(plan("dev")));
        Files.delete(saved);

        assertThat(d.isEmpty()).as("no resource or policy change").isTrue();
        assertThat(d.hourlyMaxDelta()).isZero();
        assertThat(d.hourlyMinDelta()).isZero();
        assertThat(DiffRenderer.text(d)).contains("cost at max +$0.00/h (+$0.00/month)");
    }

    @Test
    void diff_whenStackAgainstItself_isEmpty() {
        assertThat(PlanDiff.between(Snapshot.of(plan("dev")), Snapshot.of(plan("dev"))).isEmpty()).isTrue();
    }

    @Test
    void diffMarkdown_whenDevAgainstProd_matchesGolden() throws Exception {
        PlanDiff d = PlanDiff.between(Snapshot.of(plan("prod")), Snapshot.of(plan("dev")));
        String md = DiffRenderer.markdown(d);
        assertThat(md).startsWith("### Derrick diff: `prod` → `dev`").contains("| $/h at max scale | 275.10 | 1.03 | -$274.07 |");
        Golden.check("diff-dev-against-prod.md", md);
    }

    /** Every GCP, Azure and Kubernetes resource type in the golden plans has a row in the replacement table. */
    @Test
    void replacementInputs_coverEveryGcpAzureAndKubernetesTypeTheGoldenPlansRegister() throws Exception {
        var types = new java.util.TreeSet<String>();
        try (var files = Files.list(Project.resource("golden"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".plan.json")).toList()) {
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(f.toFile()).path("resources").forEach(r -> {
                    if (r.path("custom").asBoolean(true) && r.path("type").asText().matches("(gcp|azure-native|kubernetes):.*")) {
                        types.add(r.path("type").asText());
                    }
                });
            }
        }
        assertThat(types).contains("gcp:container/nodePool:NodePool", "azure-native:containerservice:AgentPool");
        assertThat(types).allSatisfy(t -> assertThat(dev.derrick.cli.diff.ReplacementInputs.bundled().covers(t)).as(t).isTrue());
    }
}
