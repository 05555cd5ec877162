package dev.derrick.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.derrick.config.TestStacks.valid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cluster's {@code nodePoolDefaults} (the pool settings type, without a name) merged into every
 * pool by the loader: pool values win, labels merge key by key, what neither gives keeps the
 * record's default.
 */
class NodePoolDefaultsTest extends LoaderTestSupport {
    private static final String CLUSTER = "derrick:clusters[0]";
    private static final String DEFAULTS = CLUSTER + ".nodePoolDefaults";
    private static final String POOL0 = CLUSTER + ".nodePools[0]";   // system: m6i.xlarge, 1..2, no capacity
    private static final String POOL1 = CLUSTER + ".nodePools[1]";   // gpu: l4 x1, spot, 0..2

    private List<NodePoolSpec> pools(TestStacks.Stack stack) {
        return loads(stack).clusters().get(0).nodePools();
    }

    @Test
    void load_whenDefaultsGiveCapacity_poolsWithoutOneTakeIt() {
        List<NodePoolSpec> pools = pools(valid().set(DEFAULTS, "{capacity: reserved}"));

        assertThat(pools.get(0).capacity()).as("system pool takes the default").isEqualTo(CapacityType.RESERVED);
        assertThat(pools.get(1).capacity()).as("gpu pool's own capacity wins").isEqualTo(CapacityType.SPOT);
    }

    @Test
    void load_whenNoDefaults_poolsKeepRecordDefaults() {
        List<NodePoolSpec> pools = pools(valid());

        assertThat(pools.get(0).capacity()).as("record default").isEqualTo(CapacityType.ON_DEMAND);
        assertThat(pools.get(0).diskSizeGb()).as("CPU disk default").isEqualTo(50);
    }

    @Test
    void load_whenDefaultsGiveDiskSize_everyPoolWithoutOneTakesIt() {
        List<NodePoolSpec> pools = pools(valid().set(DEFAULTS, "{diskSizeGb: 300}").set(POOL1 + ".diskSizeGb", "500"));

        assertThat(pools.get(0).diskSizeGb()).as("system pool").isEqualTo(300);
        assertThat(pools.get(1).diskSizeGb()).as("gpu pool's own value wins").isEqualTo(500);
    }

    @Test
    void load_whenDefaultsAndPoolGiveLabels_labelsMergeWithPoolWinning() {
        List<NodePoolSpec> pools = pools(valid()
                .set(DEFAULTS, "{labels: {team: ml, tier: batch}}")
                .set(POOL1 + ".labels", "{tier: online}"));

        assertThat(pools.get(0).labels()).as("system pool labels").containsOnly(
                java.util.Map.entry("team", "ml"), java.util.Map.entry("tier", "batch"));
        assertThat(pools.get(1).labels()).as("gpu pool labels").containsOnly(
                java.util.Map.entry("team", "ml"), java.util.Map.entry("tier", "online"));
    }

    @Test
    void load_whenDefaultsGiveMinAndMax_poolsMayLeaveThemOut() {
        List<NodePoolSpec> pools = pools(valid()
                .set(DEFAULTS, "{min: 0, max: 3}")
                .remove(POOL1 + ".min").remove(POOL1 + ".max"));

        assertThat(pools.get(1).min()).as("min from defaults").isZero();
        assertThat(pools.get(1).max()).as("max from defaults").isEqualTo(3);
        assertThat(pools.get(1).desired()).as("desired follows the merged min").isZero();
        assertThat(pools.get(0).min()).as("system pool's own min wins").isEqualTo(1);
    }

    @Test
    void load_whenNeitherPoolNorDefaultsGiveMin_reportsMinRequiredAtPool() {
        ConfigError e = onlyError(valid().set(DEFAULTS, "{max: 3}").remove(POOL1 + ".min"));

        assertError(e, POOL1 + ".min", "required value is missing", null, "set min");
    }

    @Test
    void load_whenDefaultsGiveTaints_poolsWithoutTaintsTakeThemWhole() {
        List<NodePoolSpec> pools = pools(valid()
                .set(DEFAULTS, "{taints: [{key: dedicated, value: ml}]}")
                .set(POOL1 + ".taints", "[{key: gpu-only}]"));

        assertThat(pools.get(0).taints()).as("system pool taints").containsExactly(new Taint("dedicated", "ml", "NoSchedule"));
        assertThat(pools.get(1).taints()).as("gpu pool's own list replaces the default").containsExactly(new Taint("gpu-only", "true", "NoSchedule"));
    }

    @Test
    void load_whenDefaultsMisspellAKey_reportsUnknownKeyAtDefaults() {
        ConfigError e = onlyError(valid().set(DEFAULTS, "{capacty: spot}"));

        assertError(e, DEFAULTS + ".capacty", "unknown key", null, "did you mean 'capacity'?");
    }

    @Test
    void load_whenDefaultsGiveAName_reportsUnknownKeyAtDefaults() {
        ConfigError e = onlyError(valid().set(DEFAULTS, "{name: shared}"));

        assertError(e, DEFAULTS + ".name", "unknown key", null, "known keys here");
    }

    @Test
    void load_whenDefaultsValueHasWrongType_reportsItOnceAtDefaults() {
        ConfigError e = onlyError(valid().set(DEFAULTS, "{diskSizeGb: big}"));

        assertError(e, DEFAULTS + ".diskSizeGb", "must be a whole number, not a string", "\"big\"", "diskSizeGb: 2");
    }

    @Test
    void load_whenDefaultsIsAList_reportsMapExpected() {
        ConfigError e = onlyError(valid().set(DEFAULTS, "[spot]"));

        assertError(e, DEFAULTS, "must be a map, not a list", "[\"spot\"]", "nodePoolDefaults: {key: value}");
    }

    @Test
    void load_whenDefaultsGiveAnInvalidValue_reportsItAtEveryPoolThatTakesIt() {
        List<ConfigError> errors = errors(valid().set(DEFAULTS, "{diskSizeGb: 10}"));

        assertThat(errors).as("problem paths").extracting(ConfigError::path)
                .containsExactly(POOL0 + ".diskSizeGb", POOL1 + ".diskSizeGb");
    }
}
