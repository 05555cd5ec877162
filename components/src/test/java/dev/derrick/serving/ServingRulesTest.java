package dev.derrick.serving;

import dev.derrick.config.LoaderTestSupport;
import dev.derrick.config.TestStacks;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code serving:} of a cluster: a failing and a passing case per rule. The test cluster (TestStacks.valid, AWS) has a
 * CPU pool {@code system}, a GPU pool {@code gpu} and an S3 store {@code datasets}.
 */
class ServingRulesTest extends LoaderTestSupport {
    private static final String SERVING = "derrick:clusters[0].serving";

    private static TestStacks.Stack with(String serving) {
        return TestStacks.valid().set(SERVING, serving);
    }

    @Test
    void load_whenTheStoreIsOnTheClustersCloud_loadsServingWithDefaults() {
        ServingSpec s = loads(with("{modelStore: datasets}")).clusters().get(0).serving();

        assertThat(s.enabled()).isTrue();
        assertThat(s.modelStore()).isEqualTo("datasets");
        assertThat(s.namespaces()).containsExactly("serving");
        assertThat(s.gpuRuntime()).isTrue();
        assertThat(s.pools()).isEmpty();
    }

    @Test
    void load_withoutServingBlock_isOff() {
        assertThat(loads(TestStacks.valid()).clusters().get(0).serving()).isEqualTo(ServingSpec.OFF);
    }

    @Test
    void load_whenDisabled_checksNothing() {
        assertThat(loads(with("{enabled: false, modelStore: nowhere}")).clusters().get(0).serving().enabled()).isFalse();
    }

    @Test
    void load_withoutModelStore_namesTheStoresTheClusterReaches() {
        assertError(onlyError(with("{namespaces: [models]}")), SERVING + ".modelStore", "required value is missing", null,
                "use one of the stores the cluster reaches: datasets");
    }

    @Test
    void load_whenTheStoreIsUnknown_namesTheStoresTheClusterReaches() {
        assertError(onlyError(with("{modelStore: models}")), SERVING + ".modelStore", "no object store of this name", "\"models\"",
                "use one of the stores the cluster reaches: datasets");
    }

    @Test
    void load_whenTheStoreIsOnAnotherCloud_saysTheIdentityCannotReachIt() {
        var stack = with("{modelStore: models}").set("derrick:objectStores[1]", "{name: models, target: gcp, region: us-central1}")
                .set("derrick:gcpProject", "ml-platform-dev");
        assertError(onlyError(stack), SERVING + ".modelStore", "store models is on gcp, cluster train on aws", "\"models\"",
                "use one of the stores the cluster reaches: datasets");
    }

    @Test
    void load_whenTheGpuRuntimeIsAskedOnAClusterWithoutGpuPools_asksForAPoolOrNoRuntime() {
        var stack = with("{modelStore: datasets}").remove("derrick:clusters[0].nodePools[1]");
        assertError(onlyError(stack), SERVING + ".gpuRuntime", "needs a GPU pool, and this cluster has none", "true",
                "or set gpuRuntime: false");
        assertThat(loads(with("{modelStore: datasets, gpuRuntime: false}").remove("derrick:clusters[0].nodePools[1]"))
                .clusters().get(0).serving().gpuRuntime()).isFalse();
    }

    @Test
    void load_whenPoolsNameACpuPool_namesTheGpuPools() {
        assertError(onlyError(with("{modelStore: datasets, pools: [system]}")), SERVING + ".pools[0]", "names a CPU pool", "\"system\"",
                "use one of the cluster's GPU pools: gpu");
        assertError(onlyError(with("{modelStore: datasets, pools: [l40s]}")), SERVING + ".pools[0]", "no pool of this name", "\"l40s\"",
                "use one of the cluster's GPU pools: gpu");
        assertThat(loads(with("{modelStore: datasets, pools: [gpu]}")).clusters().get(0).serving().pools()).containsExactly("gpu");
    }

    @Test
    void load_whenANamespaceIsReservedOrATeams_asksForOneOfItsOwn() {
        assertError(onlyError(with("{modelStore: datasets, namespaces: [kserve]}")), SERVING + ".namespaces[0]",
                "belongs to Kubernetes or a Derrick component", "\"kserve\"", "e.g. serving");
        assertError(onlyError(with("{modelStore: datasets, namespaces: [Models]}")), SERVING + ".namespaces[0]",
                "not a valid namespace name", "\"Models\"", "lowercase");
        assertError(onlyError(with("{modelStore: datasets, namespaces: [models, models]}")), SERVING + ".namespaces[1]",
                "duplicate namespace", "\"models\"", "once");
        var team = with("{modelStore: datasets, namespaces: [research]}")
                .set("derrick:clusters[0].kueue", "{teams: [{name: research, gpus: {l4: 1}, cpu: \"8\", memory: 64Gi}]}");
        assertError(onlyError(team), SERVING + ".namespaces[0]", "is a Kueue team namespace", "\"research\"", "research-serving");
    }

    @Test
    void reachable_whenAnOnpremStoreRunsInAnotherCluster_isFalse() {
        assertThat(ServingRules.reachable(
                new dev.derrick.config.ClusterSpec("lab", dev.derrick.config.Target.ONPREM, null, null, null, null, null, null, null, null, List.of()),
                new dev.derrick.config.ObjectStoreSpec("models", null, dev.derrick.config.Target.ONPREM, null, null, null, null, null, null, null, "lab2", null)))
                .isFalse();
        assertThat(ServingRules.reachable(
                new dev.derrick.config.ClusterSpec("lab", dev.derrick.config.Target.ONPREM, null, null, null, null, null, null, null, null, List.of()),
                new dev.derrick.config.ObjectStoreSpec("models", null, dev.derrick.config.Target.ONPREM, null, null, null, null, null, null, null, "lab", null)))
                .isTrue();
    }
}
