package dev.derrick.kueue;

import dev.derrick.catalog.Catalog;
import dev.derrick.config.StackConfig;
import dev.derrick.config.StackConfigLoader;
import dev.derrick.config.TestStacks;
import dev.derrick.cost.CostEstimator;
import dev.derrick.cost.CostReport;
import dev.derrick.cost.PoolCost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** A team's share at full quota: quota x the pool's node-hour price / the nvidia.com/gpu one node advertises. */
class TeamSharesTest {
    @TempDir
    Path dir;

    private List<TeamShare> shares(TestStacks.Stack stack, CostReport[] cost) {
        StackConfig config = StackConfigLoader.load(stack.load(dir));
        cost[0] = CostEstimator.estimate(config, Catalog.bundled());
        return TeamShares.of(config, cost[0], Catalog.bundled());
    }

    private static PoolCost pool(CostReport cost, String name) {
        return cost.pools().stream().filter(p -> p.pool().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void shares_wholeGpus_quotaTimesPricePerGpu() {
        var stack = TestStacks.valid()
                .set("derrick:clusters[0].nodePools[1]", "{name: gpu, accelerator: h100-80gb, gpusPerNode: 8, min: 0, max: 4}")
                .set("derrick:clusters[0].kueue", "{teams: [{name: research, gpus: {h100-80gb: 24}, cpu: \"8\", memory: 64Gi}, "
                        + "{name: vision, gpus: {gpu: 0}, cpu: \"8\", memory: 64Gi}]}");
        var cost = new CostReport[1];
        List<TeamShare> shares = shares(stack, cost);

        double node = pool(cost[0], "gpu").usdPerNodeHour();
        assertThat(node).isPositive();
        assertThat(shares).as("no line for a zero quota").hasSize(1);
        TeamShare s = shares.get(0);
        assertThat(s.team()).isEqualTo("research");
        assertThat(s.fractionOfPool()).isEqualTo(0.75);
        assertThat(s.usdPerHour()).isCloseTo(node * 3, within(1e-9));
    }

    @Test
    void shares_migPool_pricesPerInstance() {
        var stack = TestStacks.valid()
                .set("derrick:clusters[0].nodePools[1]", "{name: gpu, accelerator: h100-80gb, gpusPerNode: 8, min: 0, max: 1, sharing: {mode: mig, profile: 1g.10gb}}")
                .set("derrick:clusters[0].kueue", "{teams: [{name: research, gpus: {gpu: 14}, cpu: \"8\", memory: 64Gi}]}");
        var cost = new CostReport[1];
        TeamShare s = shares(stack, cost).get(0);

        assertThat(s.unit()).isEqualTo("1g.10gb MIG instances");
        assertThat(s.unitsAtMax()).as("8 GPUs x 7 instances").isEqualTo(56);
        assertThat(s.usdPerHour()).isCloseTo(pool(cost[0], "gpu").usdPerNodeHour() * 14 / 56, within(1e-9));
    }
}
