package dev.derrick.karpenter;

import dev.derrick.config.ClusterSpec;
import dev.derrick.config.ConfigError;
import dev.derrick.config.ConfigException;
import dev.derrick.config.StackConfig;
import dev.derrick.config.StackConfigLoader;
import dev.derrick.config.TestStacks;
import dev.derrick.config.TestStacks.Stack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The Karpenter pool rules: each bad input the issue names (a type outside the family, an accelerator the family lacks,
 * limits below one node, a consolidation delay in a wrong unit) and the rest of KarpenterRules, each failing case one
 * change of {@link TestStacks#VALID} (system node group + l4 spot pool, min 0), reported with file, path, value and fix.
 */
class KarpenterRulesTest {
    private static final String POOLS = "derrick:clusters[0].nodePools";
    private static final String GPU = POOLS + "[1]";
    private static final String K = GPU + ".karpenter";

    @TempDir
    Path dir;

    /** {@link TestStacks#VALID} with its l4 pool left to the default provisioner: Karpenter. */
    private static Stack valid() {
        return TestStacks.valid().remove(GPU + ".provisioner");
    }

    private StackConfig loads(Stack stack) {
        return StackConfigLoader.load(stack.load(dir));
    }

    private List<ConfigError> errors(Stack stack) {
        try {
            StackConfigLoader.load(stack.load(dir));
        } catch (ConfigException e) {
            return e.errors();
        }
        return fail("expected problems, but the config loaded:%n%s", stack.yaml());
    }

    private ConfigError only(Stack stack, String path, String problem, String hint) {
        List<ConfigError> errors = errors(stack);
        assertThat(errors).as("problems of%n%s", stack.yaml()).hasSize(1);
        ConfigError e = errors.get(0);
        assertThat(e.file()).isEqualTo(TestStacks.FILE);
        assertThat(e.path()).isEqualTo(path);
        assertThat(e.problem()).contains(problem);
        assertThat(e.hint()).contains(hint);
        return e;
    }

    @Test
    void awsGpuPools_areKarpenterPoolsByDefault_cpuPoolsNodeGroups() {
        ClusterSpec c = loads(valid()).clusters().get(0);
        assertThat(KarpenterPools.provisioner(c, c.nodePools().get(0))).isEqualTo(Provisioner.NODE_GROUP);
        assertThat(KarpenterPools.provisioner(c, c.nodePools().get(1))).isEqualTo(Provisioner.KARPENTER);
        ClusterSpec gcp = loads(TestStacks.validGcp()).clusters().get(0);
        assertThat(KarpenterPools.of(gcp)).as("gcp pools scale themselves").isEmpty();
    }

    @Test
    void familiesAndSizes_resolveToTheCatalogTypesWithTheAccelerator() {
        var stack = valid().remove(GPU + ".gpusPerNode")
                .set(K, "{families: [g6], sizes: [2xlarge..8xlarge, 48xlarge]}");
        ClusterSpec c = loads(stack).clusters().get(0);
        var aws = dev.derrick.catalog.Catalog.bundled().cloud("aws").orElseThrow();
        var types = InstanceChoice.resolve(c.nodePools().get(1), aws, (f, p, v, h) -> fail(p));
        assertThat(types).extracting(t -> t.name()).containsExactly("g6.2xlarge", "g6.4xlarge", "g6.8xlarge", "g6.48xlarge");
    }

    @Test
    void aSizeTheFamilyDoesNotHave_isAnError() {
        ConfigError e = only(valid().set(K, "{families: [g6], sizes: [3xlarge]}"), K + ".sizes[0]", "no family in families has this size",
                "sizes with the pool's accelerator:");
        assertThat(e.value()).isEqualTo("\"3xlarge\"");
    }

    @Test
    void aTypeOutsideTheAcceleratorsTypes_isAnError() {
        ConfigError e = only(valid().set(K, "{instanceTypes: [g6.xlarge, g5.xlarge]}"), K + ".instanceTypes[1]", "has no l4",
                "types with l4: g6.xlarge");
        assertThat(e.value()).isEqualTo("\"g5.xlarge\"");
        only(valid().set(K, "{instanceTypes: [g6.huge]}"), K + ".instanceTypes[0]", "not in the aws catalog", "g6.xlarge");
    }

    @Test
    void aFamilyWithoutTheAccelerator_isAnErrorThatNamesTheFamiliesWithIt() {
        only(valid().set(K, "{families: [p5]}"), K + ".families[0]", "has no l4 in the aws catalog", "families with l4: g6");
    }

    @Test
    void limitsBelowOneNode_areAnError() {
        only(valid().set(K, "{limits: {gpus: 0}}"), K + ".limits.gpus", "below one node of the smallest allowed type", "at least 1");
        only(valid().set(K, "{limits: {cpu: 2}}"), K + ".limits.cpu", "below one node", "at least 4");
    }

    @Test
    void aConsolidationDelayInAWrongUnit_isAnError() {
        ConfigError e = only(valid().set(K, "{consolidateAfter: 1d}"), K + ".consolidateAfter", "not a Karpenter duration", "1h30m");
        assertThat(e.value()).isEqualTo("\"1d\"");
        only(valid().set(K, "{expireAfter: 30 days}"), K + ".expireAfter", "not a Karpenter duration", "720h");
        assertThat(loads(valid().set(K, "{consolidateAfter: 1h30m, expireAfter: Never}")).clusters()).hasSize(1);
    }

    @Test
    void aMinimumOnAKarpenterPool_isAnError_aNodeGroupMayKeepOne() {
        only(valid().set(GPU + ".min", "1"), GPU + ".min", "a Karpenter pool has no minimum", "provisioner: node-group");
        assertThat(loads(valid().set(GPU + ".min", "1").set(GPU + ".provisioner", "node-group")).clusters()).hasSize(1);
    }

    @Test
    void spotPreferred_needsAKarpenterPool() {
        assertThat(loads(valid().set(GPU + ".capacity", "spot-preferred")).clusters()).hasSize(1);
        only(valid().set(GPU + ".capacity", "spot-preferred").set(GPU + ".provisioner", "node-group"), GPU + ".capacity",
                "spot-preferred needs a Karpenter pool", "remove provisioner: node-group");
        only(TestStacks.validGcp().set(GPU + ".capacity", "spot-preferred"), GPU + ".capacity", "spot-preferred needs a Karpenter pool (aws)",
                "two pools");
    }

    @Test
    void karpenterSettingsOffAws_sayHowThatCloudScales() {
        only(TestStacks.validGcp().set(K, "{consolidateAfter: 30m}"), K, "only applies to aws Karpenter pools", "GKE pools scale with the cluster autoscaler");
        only(TestStacks.validAzure().set(K, "{consolidateAfter: 30m}"), K, "only applies to aws Karpenter pools", "AKS pools scale with the cluster autoscaler");
        only(TestStacks.validGcp().set(GPU + ".provisioner", "karpenter"), GPU + ".provisioner", "only applies to aws", "GKE");
    }

    @Test
    void karpenterPools_needANodeGroupForTheController() {
        only(valid().set(POOLS + "[0].min", "0"), POOLS, "need a CPU node group with min >= 1 for the Karpenter controller",
                "machineType: m6i.xlarge");
    }

    @Test
    void budgets_followTheNodePoolSchema() {
        only(valid().set(K, "{budgets: [{nodes: \"10 percent\"}]}"), K + ".budgets[0].nodes", "not a node count or percentage", "10%");
        only(valid().set(K, "{budgets: [{nodes: \"0\", reasons: [Idle]}]}"), K + ".budgets[0].reasons[0]", "unknown disruption reason",
                "Underutilized, Empty or Drifted");
        only(valid().set(K, "{budgets: [{nodes: \"0\", schedule: \"0 9 * * 1-5\"}]}"), K + ".budgets[0]", "schedule and duration go together",
                "set both");
        only(valid().set(K, "{budgets: [{nodes: \"0\", schedule: \"0 9 * * 1-5\", duration: 1d}]}"), K + ".budgets[0].duration",
                "not a budget duration", "8h");
        assertThat(loads(valid().set(K, "{budgets: [{nodes: \"0\", reasons: [Drifted], schedule: \"@daily\", duration: 8h}, {nodes: \"10%\"}]}"))
                .clusters()).hasSize(1);
    }

    @Test
    void reservedCapacity_needsItsReservations() {
        only(valid().set(GPU + ".capacity", "reserved"), K + ".capacityReservations", "needs the reservations", "cr-0123456789abcdef0");
        only(valid().set(GPU + ".capacity", "reserved").set(K, "{capacityReservations: [r-123]}"), K + ".capacityReservations[0]",
                "not a capacity reservation id", "cr-");
        assertThat(loads(valid().set(GPU + ".capacity", "reserved").set(K, "{capacityReservations: [cr-0123456789abcdef0]}")).clusters()).hasSize(1);
    }

    @Test
    void unknownKeysAndOtherValues_areReportedWhereTheyAre() {
        only(valid().set(K, "{consolidateAftr: 30m}"), K + ".consolidateAftr", "unknown key", "consolidateAfter");
        only(valid().set(K, "{weight: 101}"), K + ".weight", "must be between 1 and 100", "higher weights");
        only(valid().set(K, "{volume: {type: gp4}}"), K + ".volume.type", "unknown EBS volume type", "gp3");
        only(valid().set(K, "{amiFamily: ubuntu}"), K + ".amiFamily", "unknown value", "al2023, bottlerocket");
        only(valid().set(K, "{instanceTypes: [g6.xlarge], families: [g6]}"), K + ".families", "instanceTypes and families both set", "not both");
        only(valid().set(POOLS + "[0].karpenter", "{consolidateAfter: 30m}"), POOLS + "[0].karpenter",
                "only applies to Karpenter pools", "CPU pools are node groups");
    }

    @Test
    void nativeAutoscalerSettings_applyOnTheirCloudOnly_andReachTheCloudsPool() {
        only(valid().set(GPU + ".autoscaling", "{locationPolicy: ANY}"), GPU + ".autoscaling", "only applies to gcp and azure pools", "Karpenter");
        only(TestStacks.validGcp().set(GPU + ".autoscaling", "{scaleDownMode: Deallocate}"), GPU + ".autoscaling.scaleDownMode", "only applies to azure", "remove it");
        only(TestStacks.validGcp().set(GPU + ".autoscaling", "{locationPolicy: anywhere}"), GPU + ".autoscaling.locationPolicy", "unknown value", "BALANCED");
        only(TestStacks.validAzure().set(GPU + ".autoscaling", "{locationPolicy: ANY}"), GPU + ".autoscaling.locationPolicy", "only applies to gcp", "remove it");

        var gcp = TestStacks.validGcp().set(GPU + ".autoscaling", "{locationPolicy: BALANCED}").load(dir);
        var gcpPlan = dev.derrick.plan.PlanEngine.run("derrick", gcp.stack(), gcp.asPulumiConfig(), gcp.secretKeys(), dev.derrick.platform.DerrickProgram::stack);
        assertThat(dev.derrick.plan.Plan.get(gcpPlan.named("gcp:container/nodePool:NodePool", "train-gpu").orElseThrow().inputs(), "autoscaling.locationPolicy"))
                .as("the spot GPU pool's default ANY, overridden").isEqualTo("BALANCED");
        var azure = TestStacks.validAzure().set(GPU + ".autoscaling", "{scaleDownMode: Deallocate}").load(dir);
        var azurePlan = dev.derrick.plan.PlanEngine.run("derrick", azure.stack(), azure.asPulumiConfig(), azure.secretKeys(), dev.derrick.platform.DerrickProgram::stack);
        assertThat(azurePlan.named("azure-native:containerservice:AgentPool", "train-gpu").orElseThrow().inputs()).containsEntry("scaleDownMode", "Deallocate");
    }
}
