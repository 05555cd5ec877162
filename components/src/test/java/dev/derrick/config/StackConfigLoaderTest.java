package dev.derrick.config;

import dev.derrick.config.TestStacks.Stack;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.derrick.config.TestStacks.FILE;
import static dev.derrick.config.TestStacks.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every rule of {@link StackConfigLoader}, {@link StackValidator} and NodeReader, each with a
 * passing and a failing case. Failing cases start from {@link TestStacks#valid()} and change one thing.
 */
class StackConfigLoaderTest {
    private static final String POOL0 = "derrick:clusters[0].nodePools[0]";   // system: m6i.xlarge, 1..2
    private static final String POOL1 = "derrick:clusters[0].nodePools[1]";   // gpu: l4 x1, spot, 0..2
    private static final String CLUSTER = "derrick:clusters[0]";
    private static final String STORE = "derrick:objectStores[0]";
    private static final String REGISTRY = "derrick:registries[0]";

    @TempDir
    Path dir;

    // ------------------------------------------------------------------ helpers

    private StackConfig loads(Stack stack) {
        return StackConfigLoader.load(stack.load(dir));
    }

    private List<ConfigError> errors(Stack stack) {
        RawConfig raw = stack.load(dir);
        try {
            StackConfigLoader.load(raw);
        } catch (ConfigException e) {
            return e.errors();
        }
        return fail("expected configuration problems, but the config loaded:%n%s", stack.yaml());
    }

    private ConfigError onlyError(Stack stack) {
        List<ConfigError> errors = errors(stack);
        assertThat(errors).as("exactly one problem").hasSize(1);
        return errors.get(0);
    }

    private ConfigError errorAt(Stack stack, String path) {
        List<ConfigError> errors = errors(stack);
        return errors.stream().filter(e -> e.path().equals(path)).findFirst()
                .orElseGet(() -> fail("no problem at %s; problems: %s", path, errors));
    }

    /** Asserts file, path, problem (substring), value (exact, null = none shown) and hint (substring). */
    private static void assertError(ConfigError e, String path, String problem, String value, String hint) {
        assertThat(e.file()).as("file of %s", e).isEqualTo(FILE);
        assertThat(e.path()).as("path of %s", e).isEqualTo(path);
        assertThat(e.problem()).as("problem of %s", e).contains(problem);
        assertThat(e.value()).as("value shown in %s", e).isEqualTo(value);
        assertThat(e.hint()).as("hint of %s", e).contains(hint);
    }

    // ------------------------------------------------------------------ the base

    @Test
    void load_whenBaseConfigIsValid_returnsTypedConfig() {
        StackConfig config = loads(valid());

        assertThat(config.stack()).as("stack").isEqualTo("test");
        assertThat(config.environment()).as("environment").isEqualTo("dev");
        assertThat(config.region()).as("region from the Pulumi.yaml project default").isEqualTo("us-east-1");
        assertThat(config.tags()).as("tags").containsEntry("team", "ml-platform").containsEntry("cost-center", "4711");
        ClusterSpec cluster = config.clusters().get(0);
        assertThat(cluster.target()).as("cluster target").isEqualTo(Target.AWS);
        assertThat(cluster.region()).as("cluster region defaults to the stack's").isEqualTo("us-east-1");
        assertThat(cluster.kubernetesVersion()).as("default Kubernetes version").isEqualTo(ClusterSpec.DEFAULT_KUBERNETES_VERSION);
        assertThat(cluster.vpcCidr()).as("default VPC CIDR").isEqualTo("10.0.0.0/16");
        assertThat(cluster.endpointAccess()).as("endpoint access").isEqualTo(EndpointAccess.PUBLIC_AND_PRIVATE);
        NodePoolSpec gpu = cluster.nodePools().get(1);
        assertThat(gpu.capacity()).as("gpu pool capacity").isEqualTo(CapacityType.SPOT);
        assertThat(gpu.desired()).as("desired defaults to min").isEqualTo(0);
        assertThat(gpu.diskSizeGb()).as("GPU pool default disk").isEqualTo(200);
        assertThat(cluster.nodePools().get(0).diskSizeGb()).as("CPU pool default disk").isEqualTo(50);
        assertThat(config.objectStores().get(0).region()).as("store placed in the first cluster's region").isEqualTo("us-east-1");
        assertThat(config.objectStores().get(0).target()).as("store placed on the first cluster's target").isEqualTo(Target.AWS);
        assertThat(config.registries().get(0).immutableTags()).as("registry immutableTags").isFalse();
    }

    // ------------------------------------------------------------------ keys

    @Nested
    class UnknownKeys {
        @Test
        void load_whenTopLevelKeyMisspelt_reportsUnknownKeyWithDidYouMean() {
            ConfigError e = onlyError(valid().set("derrick:clusterz", "[]"));

            assertError(e, "derrick:clusterz", "unknown key", null, "did you mean 'derrick:clusters'?");
        }

        @Test
        void load_whenEveryTopLevelKeyKnownOrOtherNamespace_loads() {
            StackConfig config = loads(valid().set("derrick:region", "us-east-1").set("aws:region", "us-west-2"));

            assertThat(config.region()).as("derrick:region").isEqualTo("us-east-1");
        }

        @Test
        void load_whenPoolKeyMisspelt_reportsUnknownNestedKeyWithDidYouMean() {
            ConfigError e = onlyError(valid().set(POOL0 + ".mni", "1"));

            assertError(e, POOL0 + ".mni", "unknown key", null, "did you mean 'min'?");
        }

        @Test
        void load_whenPoolKeySpeltRight_loads() {
            StackConfig config = loads(valid().set(POOL0 + ".min", "2"));

            assertThat(config.clusters().get(0).nodePools().get(0).min()).as("min").isEqualTo(2);
        }
    }

    // ------------------------------------------------------------------ types

    @Nested
    class WrongTypes {
        @Test
        void load_whenMinIsText_reportsWholeNumberExpected() {
            ConfigError e = onlyError(valid().set(POOL0 + ".min", "two"));

            assertError(e, POOL0 + ".min", "must be a whole number, not a string", "\"two\"", "min: 2");
        }

        @Test
        void load_whenMinIsFraction_reportsWholeNumberExpected() {
            ConfigError e = onlyError(valid().set(POOL0 + ".min", "1.5"));

            assertError(e, POOL0 + ".min", "must be a whole number, not a decimal number", "1.5", "min: 2");
        }

        @Test
        void load_whenMinIsNumber_loads() {
            assertThat(loads(valid().set(POOL0 + ".min", "2")).clusters().get(0).nodePools().get(0).min()).as("min").isEqualTo(2);
        }

        @Test
        void load_whenZonesIsOneString_reportsListExpected() {
            ConfigError e = onlyError(valid().set(CLUSTER + ".zones", "us-east-1a"));

            assertError(e, CLUSTER + ".zones", "must be a list of strings, not a string", "\"us-east-1a\"", "zones: [a, b]");
        }

        @Test
        void load_whenAcceleratorIsList_reportsOnlyTheWrongType() {
            ConfigError e = onlyError(valid().set(POOL1 + ".accelerator", "[l4]"));

            assertError(e, POOL1 + ".accelerator", "must be a string, not a list", "[\"l4\"]", "\"value\"");
        }

        @Test
        void load_whenAcceleratorIsListBesideGpuMachineType_reportsOnlyTheWrongType() {
            ConfigError e = onlyError(valid().set(POOL1 + ".accelerator", "[l4]").set(POOL1 + ".machineType", "g6.xlarge"));

            assertError(e, POOL1 + ".accelerator", "must be a string, not a list", "[\"l4\"]", "\"value\"");
        }

        @Test
        void load_whenZoneEntryIsNumber_reportsStringExpected() {
            ConfigError e = onlyError(valid().set(CLUSTER + ".zones[1]", "5"));

            assertError(e, CLUSTER + ".zones[1]", "must be a string, not a number", "5", "quote it");
        }

        @Test
        void load_whenZonesIsList_loads() {
            assertThat(loads(valid().set(CLUSTER + ".zones", "[us-east-1a]")).clusters().get(0).zones())
                    .as("zones").containsExactly("us-east-1a");
        }

        @Test
        void load_whenTagsIsList_reportsMapExpected() {
            ConfigError e = onlyError(valid().set("derrick:tags", "[team, ml]"));

            assertError(e, "derrick:tags", "must be a map of strings, not a list", "[\"team\",\"ml\"]", "tags: {key: value}");
        }

        @Test
        void load_whenTagValueIsList_reportsStringExpected() {
            ConfigError e = onlyError(valid().set("derrick:tags.team", "[a, b]"));

            assertError(e, "derrick:tags.team", "must be a string, not a list", "[\"a\",\"b\"]", "plain value");
        }

        @Test
        void load_whenTagsIsMap_loads() {
            assertThat(loads(valid()).resourceTags()).as("resource tags")
                    .containsEntry("team", "ml-platform").containsEntry("environment", "dev").containsEntry("managed-by", "derrick");
        }

        @Test
        void load_whenEnvironmentIsMap_reportsPlainValueExpected() {
            ConfigError e = onlyError(valid().set("derrick:environment", "{name: dev}"));

            assertError(e, "derrick:environment", "must be a plain value, not a map or list", "{\"name\":\"dev\"}", "derrick:environment: value");
        }

        @Test
        void load_whenClustersIsMap_reportsListExpected() {
            ConfigError e = onlyError(valid().set("derrick:clusters", "{name: train}"));

            assertError(e, "derrick:clusters", "must be a list, not a map", "{\"name\":\"train\"}", "YAML list");
        }

        @Test
        void load_whenClusterEntryIsString_reportsMapExpected() {
            ConfigError e = onlyError(valid().set("derrick:clusters[0]", "train"));

            assertError(e, CLUSTER, "must be a map, not a string", "\"train\"", "key: value");
        }

        @Test
        void load_whenNameIsList_reportsStringExpected() {
            ConfigError e = onlyError(valid().set(CLUSTER + ".name", "[train]"));

            assertError(e, CLUSTER + ".name", "must be a string, not a list", "[\"train\"]", "\"value\"");
        }

        @Test
        void load_whenVersioningIsText_reportsTrueOrFalseExpected() {
            ConfigError e = onlyError(valid().set(STORE + ".versioning", "sometimes"));

            assertError(e, STORE + ".versioning", "must be true or false, not a string", "\"sometimes\"", "versioning: true");
        }

        @Test
        void load_whenVersioningIsBoolean_loads() {
            assertThat(loads(valid().set(STORE + ".versioning", "false")).objectStores().get(0).versioning()).as("versioning").isFalse();
        }

        @Test
        void load_whenCapacityUnknown_reportsAllowedValues() {
            ConfigError e = onlyError(valid().set(POOL1 + ".capacity", "preemptible"));

            assertError(e, POOL1 + ".capacity", "unknown value", "\"preemptible\"", "use one of on-demand, spot, spot-preferred, reserved");
        }

        @Test
        void load_whenCapacityReserved_loads() {
            assertThat(loads(valid().set(POOL1 + ".capacity", "reserved")).clusters().get(0).nodePools().get(1).capacity())
                    .as("capacity").isEqualTo(CapacityType.RESERVED);
        }

        @Test
        void load_whenEndpointAccessUnknown_reportsAllowedValues() {
            ConfigError e = onlyError(valid().set(CLUSTER + ".endpointAccess", "internal"));

            assertError(e, CLUSTER + ".endpointAccess", "unknown value", "\"internal\"", "private, public, public-and-private");
        }

        @Test
        void load_whenEndpointAccessPublic_loads() {
            assertThat(loads(valid().set(CLUSTER + ".endpointAccess", "public")).clusters().get(0).endpointAccess())
                    .as("endpointAccess").isEqualTo(EndpointAccess.PUBLIC);
        }

        @Test
        void load_whenTargetUnknown_reportsAllowedValues() {
            ConfigError e = onlyError(valid().set(CLUSTER + ".target", "gke"));

            assertError(e, CLUSTER + ".target", "unknown value", "\"gke\"", "use one of aws, gcp, azure, onprem");
        }
    }

    // ------------------------------------------------------------------ required values

    @Nested
    class RequiredValues {
        @Test
        void load_whenEnvironmentMissing_reportsRequired() {
            ConfigError e = onlyError(valid().remove("derrick:environment"));

            assertError(e, "derrick:environment", "required value is missing", null, "derrick:environment: dev");
        }

        @Test
        void load_whenClusterNameMissing_reportsRequired() {
            ConfigError e = onlyError(valid().remove(CLUSTER + ".name"));

            assertError(e, CLUSTER + ".name", "required value is missing", null, "name: train");
        }

        @Test
        void load_whenTargetMissing_reportsRequired() {
            ConfigError e = onlyError(valid().remove(CLUSTER + ".target"));

            assertError(e, CLUSTER + ".target", "required value is missing", null, "target: aws");
        }

        @Test
        void load_whenMinMissing_reportsRequired() {
            ConfigError e = onlyError(valid().remove(POOL0 + ".min"));

            assertError(e, POOL0 + ".min", "required value is missing", null, "set min");
        }

        @Test
        void load_whenMaxMissing_reportsRequired() {
            ConfigError e = onlyError(valid().remove(POOL0 + ".max"));

            assertError(e, POOL0 + ".max", "required value is missing", null, "set max");
        }

        @Test
        void load_whenNodePoolsMissing_reportsRequired() {
            ConfigError e = onlyError(valid().remove(CLUSTER + ".nodePools"));

            assertError(e, CLUSTER + ".nodePools", "required value is missing", null, "add at least one pool");
        }

        @Test
        void load_whenTaintKeyMissing_reportsRequired() {
            ConfigError e = onlyError(valid().set(POOL1 + ".taints", "[{effect: NoSchedule}]"));

            assertError(e, POOL1 + ".taints[0].key", "required value is missing", null, "give the taint a key");
        }

        @Test
        void load_whenNoRegionAnywhere_reportsRegionRequiredOnTheClusterOnly() {
            // Stores and registries take the first cluster's region: one missing value, one message.
            List<ConfigError> errors = errors(valid().set("derrick:region", "''"));

            assertThat(errors).as("problem paths").extracting(ConfigError::path)
                    .containsExactly(CLUSTER + ".region");
            assertError(errors.get(0), CLUSTER + ".region", "required value is missing", null, "derrick:region");
        }

        @Test
        void load_whenZonesAndSubnetIdsMissing_reportsZonesRequired() {
            ConfigError e = onlyError(valid().remove(CLUSTER + ".zones"));

            assertError(e, CLUSTER + ".zones", "required value is missing", null, "zones: [us-east-1a, us-east-1b]");
        }

        @Test
        void load_whenSubnetIdsGivenWithoutZones_loadsWithoutVpcCidr() {
            ClusterSpec cluster = loads(valid().remove(CLUSTER + ".zones").set(CLUSTER + ".subnetIds", "[subnet-1, subnet-2]"))
                    .clusters().get(0);

            assertThat(cluster.subnetIds()).as("subnetIds").containsExactly("subnet-1", "subnet-2");
            assertThat(cluster.vpcCidr()).as("no VPC CIDR with existing subnets").isNull();
        }

        @Test
        void load_whenPoolNamesNeitherAcceleratorNorMachineType_reportsBothOptions() {
            ConfigError e = onlyError(valid().remove(POOL0 + ".machineType"));

            assertError(e, POOL0, "names neither an accelerator nor a machineType", null, "machineType: m6i.xlarge");
        }
    }

    // ------------------------------------------------------------------ pool sizes

    @Nested
    class PoolSizes {
        @Test
        void load_whenMinAboveMax_reportsMaxBelowMin() {
            ConfigError e = onlyError(valid().set(POOL0 + ".min", "3"));

            assertError(e, POOL0 + ".max", "must be >= min (min=3, max=2)", "2", "raise max or lower min");
        }

        @Test
        void load_whenMinEqualsMax_loads() {
            NodePoolSpec pool = loads(valid().set(POOL0 + ".min", "2")).clusters().get(0).nodePools().get(0);

            assertThat(pool.min()).as("min").isEqualTo(2);
            assertThat(pool.max()).as("max").isEqualTo(2);
        }

        @Test
        void load_whenMinNegative_reportsNotNegative() {
            ConfigError e = onlyError(valid().set(POOL0 + ".min", "-1"));

            assertError(e, POOL0 + ".min", "must not be negative", "-1", "use 0");
        }

        @Test
        void load_whenMinZero_loads() {
            assertThat(loads(valid().set(POOL0 + ".min", "0")).clusters().get(0).nodePools().get(0).min()).as("min").isZero();
        }

        @Test
        void load_whenMaxZero_reportsAtLeastOne() {
            ConfigError e = onlyError(valid().set(POOL1 + ".max", "0"));

            assertError(e, POOL1 + ".max", "must be at least 1", "0", "set max");
        }

        @Test
        void load_whenMaxOne_loads() {
            assertThat(loads(valid().set(POOL1 + ".max", "1")).clusters().get(0).nodePools().get(1).max()).as("max").isEqualTo(1);
        }

        @Test
        void load_whenDesiredAboveMax_reportsOutsideRange() {
            ConfigError e = onlyError(valid().set(POOL0 + ".desired", "5"));

            assertError(e, POOL0 + ".desired", "must be between min and max (1..2)", "5", "leave it out");
        }

        @Test
        void load_whenDesiredBelowMin_reportsOutsideRange() {
            ConfigError e = onlyError(valid().set(POOL0 + ".desired", "0"));

            assertError(e, POOL0 + ".desired", "must be between min and max (1..2)", "0", "leave it out");
        }

        @Test
        void load_whenDesiredWithinRange_loads() {
            assertThat(loads(valid().set(POOL0 + ".desired", "2")).clusters().get(0).nodePools().get(0).desired()).as("desired").isEqualTo(2);
        }

        @Test
        void load_whenDiskTooSmall_reportsRange() {
            ConfigError e = onlyError(valid().set(POOL1 + ".diskSizeGb", "19"));

            assertError(e, POOL1 + ".diskSizeGb", "must be between 20 and 16384", "19", "200");
        }

        @Test
        void load_whenDiskTooLarge_reportsRange() {
            ConfigError e = onlyError(valid().set(POOL1 + ".diskSizeGb", "16385"));

            assertError(e, POOL1 + ".diskSizeGb", "must be between 20 and 16384", "16385", "200");
        }

        @Test
        void load_whenDiskAtBounds_loads() {
            StackConfig config = loads(valid().set(POOL0 + ".diskSizeGb", "20").set(POOL1 + ".diskSizeGb", "16384"));

            assertThat(config.clusters().get(0).nodePools().get(0).diskSizeGb()).as("lower bound").isEqualTo(20);
            assertThat(config.clusters().get(0).nodePools().get(1).diskSizeGb()).as("upper bound").isEqualTo(16384);
        }

        @Test
        void load_whenTaintEffectUnknown_reportsEffects() {
            ConfigError e = onlyError(valid().set(POOL1 + ".taints", "[{key: dedicated, effect: NoSchedul}]"));

            assertError(e, POOL1 + ".taints[0].effect", "unknown taint effect", "\"NoSchedul\"", "NoSchedule, PreferNoSchedule or NoExecute");
        }

        @Test
        void load_whenTaintEffectKnown_loadsWithDefaultValue() {
            Taint taint = loads(valid().set(POOL1 + ".taints", "[{key: dedicated, effect: NoExecute}]"))
                    .clusters().get(0).nodePools().get(1).taints().get(0);

            assertThat(taint).as("taint").isEqualTo(new Taint("dedicated", "true", "NoExecute"));
        }

        @Test
        void load_whenOwnGpuTaintRepeatsDefaultKeyAndEffect_reportsDuplicate() {
            ConfigError e = onlyError(valid().set(POOL1 + ".taints", "[{key: nvidia.com/gpu, value: Exists, effect: NoSchedule}]"));

            assertError(e, POOL1 + ".taints[0]", "Kubernetes requires (key, effect) unique", "\"nvidia.com/gpu=Exists:NoSchedule\"", "set gpuTaint: false");
        }

        @Test
        void load_whenTwoOwnTaintsShareKeyAndEffect_reportsDuplicate() {
            ConfigError e = onlyError(valid().set(POOL1 + ".taints", "[{key: dedicated, value: a}, {key: dedicated, value: b}]"));

            assertError(e, POOL1 + ".taints[1]", "repeats the key and effect of an earlier taint", "\"dedicated=b:NoSchedule\"", "one taint per key and effect");
        }

        @Test
        void load_whenOwnGpuTaintReplacesDefault_loads() {
            var pool = loads(valid().set(POOL1 + ".gpuTaint", "false")
                    .set(POOL1 + ".taints", "[{key: nvidia.com/gpu, value: Exists, effect: NoSchedule}, {key: nvidia.com/gpu, effect: NoExecute}]"))
                    .clusters().get(0).nodePools().get(1);

            assertThat(pool.nodeTaints()).as("rendered taints").containsExactly(new Taint("nvidia.com/gpu", "Exists", "NoSchedule"),
                    new Taint("nvidia.com/gpu", "true", "NoExecute"));
        }
    }

    // ------------------------------------------------------------------ accelerators and machine types

    @Nested
    class Accelerators {
        @Test
        void load_whenAcceleratorUnknown_reportsSuggestion() {
            ConfigError e = onlyError(valid().set(POOL1 + ".accelerator", "h100-80g"));

            assertError(e, POOL1 + ".accelerator", "unknown accelerator", "\"h100-80g\"", "did you mean h100-80gb?");
            assertThat(e.hint()).as("hint lists known keys").contains("known: ").contains("l40s");
        }

        @Test
        void load_whenAcceleratorKnown_loads() {
            assertThat(loads(valid().set(POOL1 + ".accelerator", "h100-80gb")).clusters().get(0).nodePools().get(1).accelerator())
                    .as("accelerator").isEqualTo("h100-80gb");
        }

        @Test
        void load_whenAcceleratorNotOfferedOnAws_reportsWhatAwsOffers() {
            ConfigError e = onlyError(valid().set(POOL1 + ".accelerator", "t4"));

            assertError(e, POOL1 + ".accelerator", "not offered on aws", "\"t4\"", "aws offers: ");
            assertThat(e.hint()).as("AWS offerings").contains("a10g").contains("l4").doesNotContain("t4");
        }

        @Test
        void load_whenAzureOnlyA10OnAws_reportsNotOffered() {
            ConfigError e = onlyError(valid().set(POOL1 + ".accelerator", "a10"));

            assertError(e, POOL1 + ".accelerator", "not offered on aws", "\"a10\"", "a10g");
        }

        @Test
        void load_whenAcceleratorOfferedOnAws_loads() {
            assertThat(loads(valid().set(POOL1 + ".accelerator", "a10g")).clusters().get(0).nodePools().get(1).accelerator())
                    .as("accelerator").isEqualTo("a10g");
        }

        @Test
        void load_whenGpuCountNotOffered_reportsOfferedCounts() {
            ConfigError e = onlyError(valid().set(POOL1 + ".gpusPerNode", "3"));

            assertError(e, POOL1 + ".gpusPerNode", "aws has no l4 instance type with this many GPUs", "3", "use one of [1, 4, 8]");
        }

        @Test
        void load_whenGpuCountOffered_loads() {
            assertThat(loads(valid().set(POOL1 + ".gpusPerNode", "4")).clusters().get(0).nodePools().get(1).gpusPerNode())
                    .as("gpusPerNode").isEqualTo(4);
        }

        @Test
        void load_whenGpuCountZero_reportsAtLeastOne() {
            ConfigError e = onlyError(valid().set(POOL1 + ".gpusPerNode", "0"));

            assertError(e, POOL1 + ".gpusPerNode", "must be at least 1", "0", "leave it out");
        }

        @Test
        void load_whenMachineTypeCarriesOtherGpu_reportsMismatch() {
            ConfigError e = onlyError(valid().set(POOL1 + ".machineType", "g5.xlarge"));

            assertError(e, POOL1 + ".machineType", "is not a aws instance type with l4 GPUs", "\"g5.xlarge\"", "g6.xlarge");
        }

        @Test
        void load_whenMachineTypeMatchesAccelerator_loads() {
            assertThat(loads(valid().set(POOL1 + ".machineType", "g6.2xlarge")).clusters().get(0).nodePools().get(1).machineType())
                    .as("machineType").isEqualTo("g6.2xlarge");
        }

        @Test
        void load_whenMachineTypeGpuCountDiffersFromGpusPerNode_reportsActualCount() {
            ConfigError e = onlyError(valid().set(POOL1 + ".machineType", "g6.xlarge").set(POOL1 + ".gpusPerNode", "4"));

            assertError(e, POOL1 + ".gpusPerNode", "g6.xlarge has 1 GPUs", "4", "gpusPerNode: 1");
        }

        @Test
        void load_whenGpuMachineTypeWithoutAccelerator_reportsAcceleratorMissing() {
            ConfigError e = onlyError(valid().set(POOL0 + ".machineType", "g6.xlarge"));

            assertError(e, POOL0 + ".accelerator", "required value is missing: g6.xlarge carries l4 GPUs", null, "add accelerator: l4");
        }

        @Test
        void load_whenAcceleratedTypeNotInCatalog_reportsUncatalogued() {
            ConfigError e = onlyError(valid().set(POOL0 + ".machineType", "p3.2xlarge"));

            assertError(e, POOL0 + ".machineType", "an accelerated instance type that is not in Derrick's catalog", "\"p3.2xlarge\"",
                    "use accelerator: <key>");
        }

        @Test
        void load_whenCpuTypeNotInCatalog_loads() {
            assertThat(loads(valid().set(POOL0 + ".machineType", "c7i.large")).clusters().get(0).nodePools().get(0).machineType())
                    .as("machineType").isEqualTo("c7i.large");
        }

        @Test
        void load_whenMachineTypeMalformed_reportsNotAnInstanceType() {
            ConfigError e = onlyError(valid().set(POOL0 + ".machineType", "xlarge"));

            assertError(e, POOL0 + ".machineType", "not an AWS instance type", "\"xlarge\"", "m6i.xlarge");
        }
    }

    // ------------------------------------------------------------------ regions, zones, network

    @Nested
    class RegionsAndNetwork {
        @Test
        void load_whenStoreRegionMisspelt_reportsSuggestion() {
            ConfigError e = onlyError(valid().set(STORE + ".region", "us-east-l"));

            assertError(e, STORE + ".region", "unknown aws region", "\"us-east-l\"", "did you mean us-east-1?");
        }

        @Test
        void load_whenStoreRegionKnown_loads() {
            assertThat(loads(valid().set(STORE + ".region", "us-west-2")).objectStores().get(0).region()).as("region").isEqualTo("us-west-2");
        }

        @Test
        void load_whenClusterRegionMisspelt_reportsSuggestionAtCluster() {
            ConfigError e = errorAt(valid().set(CLUSTER + ".region", "us-east-l"), CLUSTER + ".region");

            assertError(e, CLUSTER + ".region", "unknown aws region", "\"us-east-l\"", "did you mean us-east-1?");
        }

        @Test
        void load_whenStackRegionMisspelt_reportsSuggestionAtStackKey() {
            ConfigError e = errorAt(valid().set("derrick:region", "us-east-l"), "derrick:region");

            assertError(e, "derrick:region", "unknown aws region", "\"us-east-l\"", "did you mean us-east-1?");
        }

        @Test
        void load_whenClusterRegionKnownWithItsZones_loads() {
            ClusterSpec c = loads(valid().set(CLUSTER + ".region", "eu-west-1").set(CLUSTER + ".zones", "[eu-west-1a, eu-west-1b]"))
                    .clusters().get(0);

            assertThat(c.region()).as("cluster region").isEqualTo("eu-west-1");
        }

        @Test
        void load_whenZoneOfOtherRegion_reportsNotAZoneOfRegion() {
            ConfigError e = onlyError(valid().set(CLUSTER + ".zones[1]", "us-west-2a"));

            assertError(e, CLUSTER + ".zones[1]", "not a zone of region us-east-1", "\"us-west-2a\"", "us-east-1a");
        }

        @Test
        void load_whenZonesOfRegion_loads() {
            assertThat(loads(valid().set(CLUSTER + ".zones[1]", "us-east-1c")).clusters().get(0).zones())
                    .as("zones").containsExactly("us-east-1a", "us-east-1c");
        }

        @Test
        void load_whenPoolZoneNotInClusterZones_reportsClusterZones() {
            ConfigError e = onlyError(valid().set(POOL1 + ".zones", "[us-east-1c]"));

            assertError(e, POOL1 + ".zones[0]", "is not one of the cluster's zones [us-east-1a, us-east-1b]", "\"us-east-1c\"",
                    "add it to the cluster's zones");
        }

        @Test
        void load_whenPoolZoneInClusterZones_loads() {
            ClusterSpec c = loads(valid().set(POOL1 + ".zones", "[us-east-1b]")).clusters().get(0);

            assertThat(c.zonesOf(c.nodePools().get(1))).as("zones of the gpu pool").containsExactly("us-east-1b");
            assertThat(c.zonesOf(c.nodePools().get(0))).as("zones of the system pool").containsExactly("us-east-1a", "us-east-1b");
        }

        @Test
        void load_whenZoneListedTwice_reportsDuplicate() {
            ConfigError e = onlyError(valid().set(CLUSTER + ".zones[1]", "us-east-1a"));

            assertError(e, CLUSTER + ".zones[1]", "duplicate zone", "\"us-east-1a\"", "list each zone once");
        }

        @Test
        void load_whenVpcCidrHasHostBits_reportsInvalidCidr() {
            ConfigError e = onlyError(valid().set(CLUSTER + ".vpcCidr", "10.0.0.1/16"));

            assertError(e, CLUSTER + ".vpcCidr", "not a valid IPv4 CIDR block", "\"10.0.0.1/16\"", "10.0.0.0/16");
        }

        @Test
        void load_whenVpcCidrIsGarbage_reportsInvalidCidr() {
            ConfigError e = onlyError(valid().set(CLUSTER + ".vpcCidr", "ten-dot-zero"));

            assertError(e, CLUSTER + ".vpcCidr", "not a valid IPv4 CIDR block", "\"ten-dot-zero\"", "10.0.0.0/16");
        }

        @Test
        void load_whenVpcCidrHasSignedOctet_reportsInvalidCidr() {
            ConfigError e = onlyError(valid().set(CLUSTER + ".vpcCidr", "+10.0.0.0/16"));

            assertError(e, CLUSTER + ".vpcCidr", "not a valid IPv4 CIDR block", "\"+10.0.0.0/16\"", "10.0.0.0/16");
        }

        @Test
        void load_whenVpcCidrIsSlash30_reportsPrefixRange() {
            ConfigError e = onlyError(valid().set(CLUSTER + ".vpcCidr", "10.0.0.0/30"));

            assertError(e, CLUSTER + ".vpcCidr", "prefix must be between /16 and /24", "\"10.0.0.0/30\"", "10.0.0.0/16");
        }

        @Test
        void load_whenVpcCidrIsSlash15_reportsPrefixRange() {
            ConfigError e = onlyError(valid().set(CLUSTER + ".vpcCidr", "10.0.0.0/15"));

            assertError(e, CLUSTER + ".vpcCidr", "prefix must be between /16 and /24", "\"10.0.0.0/15\"", "10.0.0.0/16");
        }

        @Test
        void load_whenVpcCidrTooSmallForSubnetsOfAllZones_reportsTooSmall() {
            String nineZones = "[us-east-1a, us-east-1b, us-east-1c, us-east-1d, us-east-1e, us-east-1f, us-east-1g, us-east-1h, us-east-1i]";
            ConfigError e = onlyError(valid().set(CLUSTER + ".zones", nineZones).set(CLUSTER + ".vpcCidr", "10.0.0.0/24"));

            assertError(e, CLUSTER + ".vpcCidr", "too small for 18 subnets", "\"10.0.0.0/24\"", "/16");
        }

        @Test
        void load_whenVpcCidrSlash24ForTwoZones_loads() {
            assertThat(loads(valid().set(CLUSTER + ".vpcCidr", "10.0.0.0/24")).clusters().get(0).vpcCidr())
                    .as("vpcCidr").isEqualTo("10.0.0.0/24");
        }

        @Test
        void load_whenKubernetesVersionUnquoted_reportsOneDotThreeAndQuoteHint() {
            // Unquoted, YAML reads 1.30 as the number 1.3.
            ConfigError e = onlyError(valid().set(CLUSTER + ".kubernetesVersion", "1.30"));

            assertError(e, CLUSTER + ".kubernetesVersion", "must be a Kubernetes minor version like \"1.34\"", "\"1.3\"", "quote it");
        }

        @Test
        void load_whenKubernetesVersionUnquotedInRawYaml_reportsOneDotThree() {
            String yaml = TestStacks.VALID.replace("      target: aws\n", "      target: aws\n      kubernetesVersion: 1.30\n");
            RawConfig raw = TestStacks.load(dir, yaml);
            try {
                StackConfigLoader.load(raw);
                fail("unquoted 1.30 loaded");
            } catch (ConfigException ex) {
                assertThat(ex.errors()).as("problems").hasSize(1);
                assertError(ex.errors().get(0), CLUSTER + ".kubernetesVersion", "Kubernetes minor version", "\"1.3\"", "quote it");
            }
        }

        @Test
        void load_whenKubernetesVersionQuoted_loads() {
            assertThat(loads(valid().set(CLUSTER + ".kubernetesVersion", "\"1.30\"")).clusters().get(0).kubernetesVersion())
                    .as("kubernetesVersion").isEqualTo("1.30");
        }

        @Test
        void load_whenAwsClusterSwitchedToOnprem_reportsWhatAnExistingClusterNeeds() {
            var errors = errors(valid().set(CLUSTER + ".target", "onprem"));

            assertThat(errors).extracting(ConfigError::path).contains("derrick:kubeconfigs.train", CLUSTER + ".zones",
                    CLUSTER + ".nodePools[0].nodes", CLUSTER + ".nodePools[0].machineType");
        }

        @Test
        void load_whenRegistryTargetOnpremWithoutOnpremCluster_reportsUrlOrCluster() {
            ConfigError e = onlyError(valid().set(REGISTRY + ".target", "onprem"));

            assertError(e, REGISTRY + ".url", "required value is missing: an onprem registry needs an existing url or a cluster", null,
                    "set url: registry.lab.example:5000/ml/training");
        }

        @Test
        void load_whenRegistryTargetAws_loads() {
            assertThat(loads(valid().set(REGISTRY + ".target", "aws")).registries().get(0).target()).as("target").isEqualTo(Target.AWS);
        }
    }

    // ------------------------------------------------------------------ names

    @Nested
    class NamesAndDuplicates {
        @Test
        void load_whenEnvironmentNotDnsLabel_reportsNameRule() {
            ConfigError e = onlyError(valid().set("derrick:environment", "Prod!"));

            assertError(e, "derrick:environment", "must be lowercase letters, digits and '-'", "\"Prod!\"", "dev, staging or prod");
        }

        @Test
        void load_whenClusterNameUppercase_reportsNameRule() {
            ConfigError e = onlyError(valid().set(CLUSTER + ".name", "Train"));

            assertError(e, CLUSTER + ".name", "must be lowercase letters, digits and '-'", "\"Train\"", "DNS-style name");
        }

        @Test
        void load_whenClusterNameLongerThan32_reportsLength() {
            String name = "a".repeat(33);
            ConfigError e = onlyError(valid().set(CLUSTER + ".name", name));

            assertError(e, CLUSTER + ".name", "is longer than 32 characters", "\"" + name + "\"", "DNS-style name");
        }

        @Test
        void load_whenClusterNameDnsLabelOf32_loads() {
            String name = "train-" + "a".repeat(26);
            assertThat(loads(valid().set(CLUSTER + ".name", name)).clusters().get(0).name()).as("name").isEqualTo(name);
        }

        @Test
        void load_whenPoolNameHasUnderscore_reportsNameRule() {
            ConfigError e = onlyError(valid().set(POOL1 + ".name", "gpu_pool"));

            assertError(e, POOL1 + ".name", "must be lowercase letters, digits and '-'", "\"gpu_pool\"", "DNS-style name");
        }

        @Test
        void load_whenPoolNameDnsLabel_loads() {
            assertThat(loads(valid().set(POOL1 + ".name", "gpu-2")).clusters().get(0).nodePools().get(1).name()).as("name").isEqualTo("gpu-2");
        }

        @Test
        void load_whenTwoClustersShareName_reportsDuplicate() {
            ConfigError e = onlyError(valid().appendCopy(CLUSTER));

            assertError(e, "derrick:clusters[1].name", "duplicate cluster name", "\"train\"", "its own name");
        }

        @Test
        void load_whenTwoClustersHaveOwnNames_loads() {
            assertThat(loads(valid().appendCopy(CLUSTER).set("derrick:clusters[1].name", "serve")).clusters())
                    .as("clusters").extracting(ClusterSpec::name).containsExactly("train", "serve");
        }

        @Test
        void load_whenTwoPoolsShareName_reportsDuplicate() {
            ConfigError e = onlyError(valid().set(POOL1 + ".name", "system"));

            assertError(e, POOL1 + ".name", "duplicate pool name in cluster train", "\"system\"", "its own name");
        }

        @Test
        void load_whenTwoStoresShareName_reportsDuplicate() {
            ConfigError e = onlyError(valid().appendCopy(STORE));

            assertError(e, "derrick:objectStores[1].name", "duplicate object store name", "\"datasets\"", "its own name");
        }

        @Test
        void load_whenTwoStoresHaveOwnNames_loads() {
            assertThat(loads(valid().appendCopy(STORE).set("derrick:objectStores[1].name", "checkpoints")).objectStores())
                    .as("stores").extracting(ObjectStoreSpec::name).containsExactly("datasets", "checkpoints");
        }

        @Test
        void load_whenTwoRegistriesShareName_reportsDuplicate() {
            ConfigError e = onlyError(valid().appendCopy(REGISTRY));

            assertError(e, "derrick:registries[1].name", "duplicate registry name", "\"ml/training\"", "its own name");
        }

        @Test
        void load_whenTwoRegistriesHaveOwnNames_loads() {
            assertThat(loads(valid().appendCopy(REGISTRY).set("derrick:registries[1].name", "ml/serving")).registries())
                    .as("registries").extracting(RegistrySpec::name).containsExactly("ml/training", "ml/serving");
        }

        @Test
        void load_whenTagKeyHasAwsPrefix_reportsReservedPrefix() {
            ConfigError e = onlyError(valid().set("derrick:tags.aws:owner", "me"));

            assertError(e, "derrick:tags.aws:owner", "not start with 'aws:'", "\"aws:owner\"", "rename the tag");
        }

        @Test
        void load_whenTagValueLongerThan256_reportsLength() {
            ConfigError e = onlyError(valid().set("derrick:tags.team", "x".repeat(257)));

            assertError(e, "derrick:tags.team", "longer than 256 characters", "257 characters", "shorten it");
        }

        @Test
        void load_whenTagValueOf256_loads() {
            assertThat(loads(valid().set("derrick:tags.team", "x".repeat(256))).tags().get("team")).as("tag value").hasSize(256);
        }
    }

    // ------------------------------------------------------------------ object stores

    @Nested
    class ObjectStores {
        @Test
        void load_whenBucketNameUppercase_reportsS3Rule() {
            ConfigError e = onlyError(valid().set(STORE + ".bucketName", "Datasets-Bucket"));

            assertError(e, STORE + ".bucketName", "invalid S3 bucket name: may use only lowercase letters", "\"Datasets-Bucket\"",
                    "S3 bucket naming rules");
        }

        @Test
        void load_whenBucketNameLooksLikeIp_reportsS3Rule() {
            ConfigError e = onlyError(valid().set(STORE + ".bucketName", "192.168.1.10"));

            assertError(e, STORE + ".bucketName", "must not look like an IP address", "\"192.168.1.10\"", "S3 bucket naming rules");
        }

        @Test
        void load_whenBucketNameHasXnPrefix_reportsReservedPrefix() {
            ConfigError e = onlyError(valid().set(STORE + ".bucketName", "xn--datasets"));

            assertError(e, STORE + ".bucketName", "reserved prefix", "\"xn--datasets\"", "S3 bucket naming rules");
        }

        @Test
        void load_whenBucketNameValid_loads() {
            assertThat(loads(valid().set(STORE + ".bucketName", "derrick-datasets-prod")).objectStores().get(0).bucketName())
                    .as("bucketName").isEqualTo("derrick-datasets-prod");
        }

        @Test
        void load_whenStoreNameTooLongForAutonameSuffix_reportsS3RuleOnName() {
            String name = "d".repeat(56);
            ConfigError e = onlyError(valid().set(STORE + ".name", name));

            assertError(e, STORE + ".name", "invalid S3 bucket name once Pulumi adds its 8-character suffix", "\"" + name + "\"",
                    "at most 55 characters, or set bucketName");
        }

        @Test
        void load_whenStoreNameOf55_loads() {
            String name = "d".repeat(55);
            assertThat(loads(valid().set(STORE + ".name", name)).objectStores().get(0).name()).as("name").isEqualTo(name);
        }

        @Test
        void load_whenStoreNameUppercaseWithoutBucketName_reportsS3RuleOnName() {
            ConfigError e = onlyError(valid().set(STORE + ".name", "Datasets"));

            assertError(e, STORE + ".name", "invalid S3 bucket name once Pulumi adds its 8-character suffix", "\"Datasets\"", "set bucketName");
        }

        @Test
        void load_whenEncryptionUnknown_reportsAllowedValues() {
            ConfigError e = onlyError(valid().set(STORE + ".encryption", "aes"));

            assertError(e, STORE + ".encryption", "unknown value", "\"aes\"", "s3-managed, kms");
        }

        @Test
        void load_whenEncryptionKms_loads() {
            assertThat(loads(valid().set(STORE + ".encryption", "kms")).objectStores().get(0).encryption()).as("encryption").isEqualTo("kms");
        }

        @Test
        void load_whenKmsKeyIdWithoutKms_reportsOnlyWithKms() {
            ConfigError e = onlyError(valid().set(STORE + ".kmsKeyId", "alias/ml"));

            assertError(e, STORE + ".kmsKeyId", "only applies with encryption: kms", "\"alias/ml\"", "set encryption: kms");
        }

        @Test
        void load_whenKmsKeyIdWithKms_loads() {
            ObjectStoreSpec store = loads(valid().set(STORE + ".encryption", "kms").set(STORE + ".kmsKeyId", "alias/ml")).objectStores().get(0);

            assertThat(store.kmsKeyId()).as("kmsKeyId").isEqualTo("alias/ml");
        }

        @Test
        void load_whenExpireNoncurrentDaysNegative_reportsNotNegative() {
            ConfigError e = onlyError(valid().set(STORE + ".expireNoncurrentDays", "-1"));

            assertError(e, STORE + ".expireNoncurrentDays", "must not be negative", "-1", "use 0");
        }

        @Test
        void load_whenExpireNoncurrentDaysZero_loads() {
            assertThat(loads(valid().set(STORE + ".expireNoncurrentDays", "0")).objectStores().get(0).expireNoncurrentDays())
                    .as("expireNoncurrentDays").isZero();
        }
    }

    // ------------------------------------------------------------------ registries

    @Nested
    class Registries {
        @Test
        void load_whenRegistryNameUppercase_reportsEcrRule() {
            ConfigError e = onlyError(valid().set(REGISTRY + ".name", "ML/Models"));

            assertError(e, REGISTRY + ".name", "invalid ECR repository name: may use only lowercase", "\"ML/Models\"", "ml/models");
        }

        @Test
        void load_whenRegistryNameOneCharacter_reportsEcrLength() {
            ConfigError e = onlyError(valid().set(REGISTRY + ".name", "a"));

            assertError(e, REGISTRY + ".name", "invalid ECR repository name: must be 2 to 256 characters long", "\"a\"", "ml/models");
        }

        @Test
        void load_whenRegistryNameValid_loads() {
            assertThat(loads(valid().set(REGISTRY + ".name", "ml/models")).registries().get(0).name()).as("name").isEqualTo("ml/models");
        }

        @Test
        void load_whenUntaggedExpireDaysZero_reportsAtLeastOne() {
            ConfigError e = onlyError(valid().set(REGISTRY + ".untaggedExpireDays", "0"));

            assertError(e, REGISTRY + ".untaggedExpireDays", "must be at least 1", "0", "14");
        }

        @Test
        void load_whenUntaggedExpireDaysOne_loads() {
            assertThat(loads(valid().set(REGISTRY + ".untaggedExpireDays", "1")).registries().get(0).untaggedExpireDays())
                    .as("untaggedExpireDays").isEqualTo(1);
        }

        @Test
        void load_whenKeepLastImagesZero_reportsAtLeastOne() {
            ConfigError e = onlyError(valid().set(REGISTRY + ".keepLastImages", "0"));

            assertError(e, REGISTRY + ".keepLastImages", "must be at least 1", "0", "200");
        }

        @Test
        void load_whenKeepLastImagesOne_loads() {
            assertThat(loads(valid().set(REGISTRY + ".keepLastImages", "1")).registries().get(0).keepLastImages())
                    .as("keepLastImages").isEqualTo(1);
        }
    }

    // ------------------------------------------------------------------ reporting

    @Nested
    class Reporting {
        @Test
        void load_whenThreeIndependentRuleViolations_reportsExactlyThoseThreeLines() {
            List<ConfigError> errors = errors(valid()
                    .set(POOL1 + ".min", "3")
                    .set(STORE + ".bucketName", "Datasets")
                    .set(REGISTRY + ".name", "ML/Models"));

            assertThat(errors).as("problem paths").extracting(ConfigError::path)
                    .containsExactly(POOL1 + ".max", STORE + ".bucketName", REGISTRY + ".name");
            assertThat(errors).as("problem values").extracting(ConfigError::value)
                    .containsExactly("2", "\"Datasets\"", "\"ML/Models\"");
            for (ConfigError e : errors) {
                assertThat(e.line()).as("line names the file").startsWith(FILE + ": ");
                assertThat(e.line()).as("line names the path").contains(": " + e.path() + ": ");
                assertThat(e.line()).as("line shows the bad value").contains("(got " + e.value() + ")");
                assertThat(e.line()).as("line ends with a hint").contains("; " + e.hint());
            }
        }

        @Test
        void load_whenThreeIndependentBindingErrors_reportsExactlyThoseThreeLines() {
            List<ConfigError> errors = errors(valid()
                    .set("derrick:clusterz", "[]")
                    .set(POOL1 + ".max", "two")
                    .set(STORE + ".versioning", "yes please"));

            assertThat(errors).as("problem paths").extracting(ConfigError::path)
                    .containsExactly("derrick:clusterz", POOL1 + ".max", STORE + ".versioning");
            assertThat(errors).as("every line names the file").allSatisfy(e -> assertThat(e.line()).startsWith(FILE + ": "));
        }

        @Test
        void load_whenBindingErrorBesideRuleViolation_reportsBoth() {
            List<ConfigError> errors = errors(valid().set(POOL0 + ".min", "two").set(STORE + ".bucketName", "Datasets"));

            assertThat(errors).as("problem paths").extracting(ConfigError::path)
                    .containsExactly(POOL0 + ".min", STORE + ".bucketName");
        }

        @Test
        void load_whenMaxBelowMin_printsOneLineWithFilePathValueAndHint() {
            ConfigError e = onlyError(valid().set(POOL1 + ".min", "3"));

            assertThat(e.line()).as("printed line").isEqualTo(
                    "stacks/Pulumi.test.yaml: derrick:clusters[0].nodePools[1].max: must be >= min (min=3, max=2) (got 2); raise max or lower min");
        }

        @Test
        void load_whenProblems_exceptionMessageCountsAndListsThem() {
            var raw = valid().set(POOL1 + ".min", "3").set(REGISTRY + ".name", "a").load(dir);
            try {
                StackConfigLoader.load(raw);
                fail("loaded");
            } catch (ConfigException ex) {
                assertThat(ex.getMessage()).as("message").startsWith("2 configuration problems")
                        .contains(POOL1 + ".max").contains(REGISTRY + ".name");
            }
        }
    }

    // ------------------------------------------------------------------ monitoring

    @Nested
    class Monitoring {
        private static final String MON = "derrick:monitoring";

        @Test
        void load_whenMonitoringAbsent_enablesItWithEveryDefault() {
            MonitoringSpec m = loads(valid()).monitoring();

            assertThat(m.enabled()).as("enabled").isTrue();
            assertThat(m.retention()).as("retention").isEqualTo("15d");
            assertThat(m.resources().prometheus()).as("prometheus size").isEqualTo(new ContainerSize("500m", "2Gi"));
            assertThat(m.resources().grafana()).as("grafana size").isEqualTo(new ContainerSize("100m", "256Mi"));
            assertThat(m.gpuIdleMinutes()).as("gpuIdleMinutes").isEqualTo(60);
            assertThat(m.gpuTemperatureThresholdCelsius()).as("temperature").isEqualTo(85);
            assertThat(m.gpuMemoryUsedThresholdPercent()).as("memory").isEqualTo(95);
            assertThat(m.gpuIdleUtilizationThresholdPercent()).as("idle utilisation").isEqualTo(5);
        }

        @Test
        void load_whenEveryMonitoringFieldGiven_readsThem() {
            MonitoringSpec m = loads(valid().set(MON, """
                    {enabled: false, retention: 1d12h, resources: {prometheus: {cpu: "1", memory: 4Gi}, grafana: {memory: 512Mi}},
                     gpuIdleMinutes: 30, gpuTemperatureThresholdCelsius: 80, gpuMemoryUsedThresholdPercent: 90,
                     gpuIdleUtilizationThresholdPercent: 10}""")).monitoring();

            assertThat(m).isEqualTo(new MonitoringSpec(false, "1d12h",
                    new MonitoringResources(new ContainerSize("1", "4Gi"), new ContainerSize("100m", "512Mi")), 30, 80, 90, 10));
        }

        @Test
        void load_whenMonitoringIsAList_reportsMapExpected() {
            ConfigError e = onlyError(valid().set(MON, "[enabled]"));

            assertError(e, MON, "must be a map, not a list", "[\"enabled\"]", "monitoring: {key: value}");
        }

        @Test
        void load_whenMonitoringKeyMisspelt_reportsUnknownKeyWithDidYouMean() {
            ConfigError e = onlyError(valid().set(MON + ".gpuIdleMinute", "30"));

            assertError(e, MON + ".gpuIdleMinute", "unknown key", null, "did you mean 'gpuIdleMinutes'?");
        }

        @Test
        void load_whenEnabledIsText_reportsTrueOrFalseExpected() {
            ConfigError e = onlyError(valid().set(MON + ".enabled", "'no'"));

            assertError(e, MON + ".enabled", "must be true or false, not a string", "\"no\"", "enabled: true");
        }

        @Test
        void load_whenEnabledFalse_loads() {
            assertThat(loads(valid().set(MON + ".enabled", "false")).monitoring().enabled()).as("enabled").isFalse();
        }

        @Test
        void load_whenRetentionIsNotADuration_reportsItWithAnExample() {
            ConfigError e = onlyError(valid().set(MON + ".retention", "15 days"));

            assertError(e, MON + ".retention", "not a Prometheus duration", "\"15 days\"", "15d");
        }

        @Test
        void load_whenRetentionIsACompoundDuration_loads() {
            assertThat(loads(valid().set(MON + ".retention", "1w3d")).monitoring().retention()).as("retention").isEqualTo("1w3d");
        }

        @Test
        void load_whenRetentionBelowTwoHours_reportsTooShort() {
            ConfigError e = onlyError(valid().set(MON + ".retention", "90m"));

            assertError(e, MON + ".retention", "must be at least 2h", "\"90m\"", "3d");
        }

        @Test
        void load_whenRetentionIsTwoHours_loads() {
            assertThat(loads(valid().set(MON + ".retention", "2h")).monitoring().retention()).as("retention").isEqualTo("2h");
        }

        @Test
        void load_whenCpuIsNotAQuantity_reportsCpuQuantityExpected() {
            ConfigError e = onlyError(valid().set(MON + ".resources", "{prometheus: {cpu: half}}"));

            assertError(e, MON + ".resources.prometheus.cpu", "not a positive Kubernetes CPU quantity", "\"half\"", "500m");
        }

        @Test
        void load_whenCpuIsMillicores_loadsAndKeepsTheDefaultMemory() {
            ContainerSize p = loads(valid().set(MON + ".resources", "{prometheus: {cpu: 250m}}")).monitoring().resources().prometheus();

            assertThat(p).as("prometheus size").isEqualTo(new ContainerSize("250m", "2Gi"));
        }

        @Test
        void load_whenMemoryHasNoUnit_reportsUnitExpected() {
            ConfigError e = onlyError(valid().set(MON + ".resources", "{grafana: {memory: '512'}}"));

            assertError(e, MON + ".resources.grafana.memory", "memory quantity with a unit", "\"512\"", "512Mi");
        }

        @Test
        void load_whenMemoryIsZero_reportsPositiveExpected() {
            ConfigError e = onlyError(valid().set(MON + ".resources", "{grafana: {memory: 0Mi}}"));

            assertError(e, MON + ".resources.grafana.memory", "not a positive", "\"0Mi\"", "512Mi");
        }

        @Test
        void load_whenMemoryHasAUnit_loads() {
            ContainerSize g = loads(valid().set(MON + ".resources", "{grafana: {memory: 512Mi}}")).monitoring().resources().grafana();

            assertThat(g).as("grafana size").isEqualTo(new ContainerSize("100m", "512Mi"));
        }

        @Test
        void load_whenResourcesKeyMisspelt_reportsUnknownKey() {
            ConfigError e = onlyError(valid().set(MON + ".resources", "{prometeus: {cpu: 1}}"));

            assertError(e, MON + ".resources.prometeus", "unknown key", null, "did you mean 'prometheus'?");
        }

        @Test
        void load_whenIdleMinutesZero_reportsRange() {
            ConfigError e = onlyError(valid().set(MON + ".gpuIdleMinutes", "0"));

            assertError(e, MON + ".gpuIdleMinutes", "must be between 1 and 10080", "0", "60");
        }

        @Test
        void load_whenIdleMinutesOne_loads() {
            assertThat(loads(valid().set(MON + ".gpuIdleMinutes", "1")).monitoring().gpuIdleMinutes()).isEqualTo(1);
        }

        @Test
        void load_whenIdleMinutesIsText_reportsWholeNumberExpected() {
            ConfigError e = onlyError(valid().set(MON + ".gpuIdleMinutes", "1h"));

            assertError(e, MON + ".gpuIdleMinutes", "must be a whole number, not a string", "\"1h\"", "gpuIdleMinutes: 2");
        }

        @Test
        void load_whenTemperatureAbove110_reportsRange() {
            ConfigError e = onlyError(valid().set(MON + ".gpuTemperatureThresholdCelsius", "200"));

            assertError(e, MON + ".gpuTemperatureThresholdCelsius", "must be between 40 and 110", "200", "85");
        }

        @Test
        void load_whenTemperature110_loads() {
            assertThat(loads(valid().set(MON + ".gpuTemperatureThresholdCelsius", "110")).monitoring().gpuTemperatureThresholdCelsius()).isEqualTo(110);
        }

        @Test
        void load_whenMemoryPercentAbove100_reportsRange() {
            ConfigError e = onlyError(valid().set(MON + ".gpuMemoryUsedThresholdPercent", "101"));

            assertError(e, MON + ".gpuMemoryUsedThresholdPercent", "must be between 1 and 100", "101", "95");
        }

        @Test
        void load_whenMemoryPercent100_loads() {
            assertThat(loads(valid().set(MON + ".gpuMemoryUsedThresholdPercent", "100")).monitoring().gpuMemoryUsedThresholdPercent()).isEqualTo(100);
        }

        @Test
        void load_whenIdleUtilizationZero_reportsRange() {
            ConfigError e = onlyError(valid().set(MON + ".gpuIdleUtilizationThresholdPercent", "0"));

            assertError(e, MON + ".gpuIdleUtilizationThresholdPercent", "must be between 1 and 100", "0", "5");
        }

        @Test
        void load_whenIdleUtilizationOne_loads() {
            assertThat(loads(valid().set(MON + ".gpuIdleUtilizationThresholdPercent", "1")).monitoring().gpuIdleUtilizationThresholdPercent()).isEqualTo(1);
        }

        @Test
        void load_whenMonitoringIsSecret_refusesIt() {
            ConfigError e = onlyError(valid().set(MON, "{secure: c2VjcmV0}"));

            assertError(e, MON, "must not be secret", "[secret]", "remove secure:");
        }
    }

    @Nested
    class GrafanaAdminPassword {
        private static final String KEY = "derrick:grafanaAdminPassword";
        private static final String PASSWORD = "hunter2-CANARY";

        @Test
        void load_whenGivenInPlainText_refusesItWithoutEchoingIt() {
            ConfigError e = onlyError(valid().set(KEY, PASSWORD));

            assertError(e, KEY, "must be a secret", "[not shown]", "pulumi config set --secret derrick:grafanaAdminPassword");
            assertThat(e.line()).as("printed line").doesNotContain(PASSWORD);
        }

        @Test
        void load_whenGivenAsSecure_loads() {
            RawConfig raw = valid().set(KEY, "{secure: " + PASSWORD + "}").load(dir);

            StackConfigLoader.load(raw);

            assertThat(raw.secretKeys()).as("secret keys passed to the program").contains(KEY);
        }

        @Test
        void load_whenSecureButEmpty_reportsEmpty() {
            ConfigError e = onlyError(valid().set(KEY, "{secure: ''}"));

            assertError(e, KEY, "must not be empty", "[secret]", "remove the key");
        }

        @Test
        void load_whenAbsent_loads() {
            assertThat(loads(valid()).environment()).as("environment").isEqualTo("dev");
        }
    }

    // ------------------------------------------------------------------ secrets

    @Nested
    class Secrets {
        private static final String CANARY = "CANARY-123";

        /** The secret never appears in any line or the message; the line about it shows [secret]. */
        private List<ConfigError> assertNoCanary(Stack stack) {
            RawConfig raw = stack.load(dir);
            try {
                StackConfigLoader.load(raw);
            } catch (ConfigException ex) {
                assertThat(ex.errors()).as("every line").allSatisfy(e -> assertThat(e.line()).doesNotContain(CANARY));
                assertThat(ex.getMessage()).as("exception message").doesNotContain(CANARY);
                assertThat(ex.errors()).as("a line shows the secret marker")
                        .anySatisfy(e -> assertThat(e.line()).contains("(got [secret])"));
                return ex.errors();
            }
            return fail("a secret in a wrongly typed key loaded");
        }

        @Test
        void load_whenSecretInWronglyTypedTopLevelKey_neverPrintsIt() {
            List<ConfigError> errors = assertNoCanary(valid().set("derrick:clusters", "{secure: " + CANARY + "}"));

            assertThat(errors).as("problem paths").extracting(ConfigError::path).containsExactly("derrick:clusters");
        }

        @Test
        void load_whenSecretNestedInWronglyTypedField_neverPrintsIt() {
            assertNoCanary(valid().set(POOL1 + ".min", "{secure: " + CANARY + "}"));
        }

        @Test
        void load_whenSecretOutsideDerrickNamespace_loads() {
            StackConfig config = loads(valid().set("aws:secretKey", "{secure: " + CANARY + "}"));

            assertThat(config.environment()).as("environment").isEqualTo("dev");
        }
    }
}
