package dev.derrick.kueue;

import dev.derrick.config.ConfigError;
import dev.derrick.config.LoaderTestSupport;
import dev.derrick.config.ConfigException;
import dev.derrick.config.TestStacks;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kueue:} of a cluster: a failing and a passing case per rule. The test cluster (TestStacks.valid) has a CPU pool
 * {@code system} and a GPU pool {@code gpu} of l4 x1, max 2 nodes: 2 GPUs at max scale.
 */
class KueueRulesTest extends LoaderTestSupport {
    private static final String KUEUE = "derrick:clusters[0].kueue";
    private static final String TEAM = KUEUE + ".teams[0]";

    private static TestStacks.Stack withTeams(String teams) {
        return TestStacks.valid().set(KUEUE, "{teams: " + teams + "}");
    }

    @Test
    void load_whenTwoTeamsFitThePool_loadsTheTeams() {
        KueueSpec k = loads(withTeams("[{name: research, gpus: {l4: 1}, cpu: \"8\", memory: 64Gi}, "
                + "{name: vision, namespaces: [vision, vision-dev], gpus: {gpu: 1}, cpu: 500m, memory: 32Gi, borrowingLimit: 1}]"))
                .clusters().get(0).kueue();

        assertThat(k.enabled()).isTrue();
        assertThat(k.cohortOf("train")).isEqualTo("train");
        assertThat(k.teams()).extracting(TeamSpec::name).containsExactly("research", "vision");
        assertThat(k.teams().get(0).namespaces()).containsExactly("research");
        assertThat(k.teams().get(1).gpus()).isEqualTo(Map.of("gpu", 1));
        assertThat(k.teams().get(0).reclaimWithinCohort()).isEqualTo("Any");
    }

    @Test
    void load_withoutKueueBlock_isOff() {
        assertThat(loads(TestStacks.valid()).clusters().get(0).kueue()).isEqualTo(KueueSpec.OFF);
    }

    @Test
    void load_whenQuotaOnAnAcceleratorWithoutPool_namesTheClustersAccelerators() {
        assertError(onlyError(withTeams("[{name: research, gpus: {h100-80gb: 8}, cpu: \"8\", memory: 64Gi}]")), TEAM + ".gpus.h100-80gb",
                "the cluster has no GPU pool of this accelerator", "\"h100-80gb\"", "use one of the cluster's accelerators: l4");
    }

    @Test
    void load_whenQuotasExceedMaxScale_reportsSumAndCapacity() {
        var e = onlyError(withTeams("[{name: research, gpus: {l4: 2}, cpu: \"8\", memory: 64Gi}, {name: vision, gpus: {gpu: 1}, cpu: \"8\", memory: 64Gi}]"));

        assertError(e, KUEUE + ".teams", "quotas on pool gpu sum to 3 GPUs, more than it reaches at max scale (2 nodes x 1 = 2)",
                "research=2 + vision=1", "raise derrick:clusters[0].nodePools[1].max to 3");
    }

    @Test
    void load_whenQuotasEqualMaxScale_loads() {
        assertThat(loads(withTeams("[{name: research, gpus: {l4: 1}, cpu: \"8\", memory: 64Gi}, {name: vision, gpus: {gpu: 1}, cpu: \"8\", memory: 64Gi}]"))
                .clusters().get(0).kueue().teams()).hasSize(2);
    }

    @Test
    void load_whenTeamNameIsNoNamespaceName_reportsIt() {
        assertError(onlyError(withTeams("[{name: Research_Team, gpus: {l4: 1}, cpu: \"8\", memory: 64Gi}]")), TEAM + ".name",
                "not a valid namespace name", "\"Research_Team\"", "use lowercase letters");
    }

    @Test
    void load_whenTeamUsesAReservedNamespace_reportsIt() {
        assertError(onlyError(withTeams("[{name: research, namespaces: [kube-system], gpus: {l4: 1}, cpu: \"8\", memory: 64Gi}]")),
                TEAM + ".namespaces[0]", "belongs to Kubernetes or a Derrick component", "\"kube-system\"", "its own namespace");
    }

    @Test
    void load_whenTwoPoolsOfTheAccelerator_asksForThePool() {
        var stack = TestStacks.valid().set("derrick:clusters[0].nodePools[2]", "{name: gpu2, accelerator: l4, gpusPerNode: 1, min: 0, max: 2}")
                .set(KUEUE, "{teams: [{name: research, gpus: {l4: 1}, cpu: \"8\", memory: 64Gi}]}");

        assertError(onlyError(stack), TEAM + ".gpus.l4", "the cluster has 2 pools of l4 (gpu, gpu2): a quota must say which", "\"l4\"",
                "gpus: {gpu: 1}");
        assertThat(loads(stack.set(KUEUE, "{teams: [{name: research, gpus: {gpu: 1, gpu2: 2}, cpu: \"8\", memory: 64Gi}]}"))
                .clusters().get(0).kueue().teams().get(0).totalGpus()).isEqualTo(3);
    }

    @Test
    void load_whenCpuQuotaMissing_reportsItRequired() {
        assertError(onlyError(withTeams("[{name: research, gpus: {l4: 1}, memory: 64Gi}]")), TEAM + ".cpu", "required value is missing", null,
                "cpu: \"64\"");
    }

    @Test
    void load_whenMemoryHasNoUnit_reportsIt() {
        assertError(onlyError(withTeams("[{name: research, gpus: {l4: 1}, cpu: \"8\", memory: \"64\"}]")), TEAM + ".memory",
                "not a positive Kubernetes memory quantity", "\"64\"", "512Gi");
    }

    @Test
    void load_whenNegativeQuota_reportsIt() {
        assertError(onlyError(withTeams("[{name: research, gpus: {l4: -1}, cpu: \"8\", memory: 64Gi}]")), TEAM + ".gpus.l4", "must not be negative",
                "-1", "use 0");
    }

    @Test
    void load_whenUnknownPreemptionPolicy_listsTheKnownOnes() {
        assertError(onlyError(withTeams("[{name: research, gpus: {l4: 1}, cpu: \"8\", memory: 64Gi, reclaimWithinCohort: Always}]")),
                TEAM + ".reclaimWithinCohort", "unknown preemption policy", "\"Always\"", "Never, LowerPriority, Any");
    }

    @Test
    void load_whenNoTeams_reportsTeamsRequired() {
        assertError(onlyError(TestStacks.valid().set(KUEUE, "{jobset: true}")), KUEUE + ".teams", "required value is missing", null, "add a team");
    }

    @Test
    void load_whenClusterHasNoGpuPool_reportsKueueNeedsOne() {
        var stack = TestStacks.valid().remove("derrick:clusters[0].nodePools[1]")
                .set(KUEUE, "{teams: [{name: research, gpus: {l4: 1}, cpu: \"8\", memory: 64Gi}]}");

        assertError(onlyError(stack), KUEUE, "this cluster has none", null, "add a GPU pool");
    }

    @Test
    void load_whenUnknownKeyInTeam_suggestsTheKnownKey() {
        List<String> paths;
        try {
            loads(withTeams("[{name: research, gpu: {l4: 1}, gpus: {l4: 1}, cpu: \"8\", memory: 64Gi}]"));
            paths = List.of();
        } catch (ConfigException e) {
            paths = e.errors().stream().map(ConfigError::path).toList();
        }
        assertThat(paths).containsExactly(TEAM + ".gpu");
    }
}
