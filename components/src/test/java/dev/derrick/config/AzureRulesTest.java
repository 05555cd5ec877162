package dev.derrick.config;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static dev.derrick.config.TestStacks.validAzure;
import static org.assertj.core.api.Assertions.assertThat;

/** The rules an azure target adds, each with a failing and a passing case; failing cases change one thing of {@link TestStacks#VALID_AZURE}. */
class AzureRulesTest extends LoaderTestSupport {
    private static final String CLUSTER = "derrick:clusters[0]";
    private static final String POOL0 = CLUSTER + ".nodePools[0]";   // system: Standard_D4s_v5, 1..2
    private static final String POOL1 = CLUSTER + ".nodePools[1]";   // gpu: t4 x1, spot
    private static final String STORE = "derrick:objectStores[0]";
    private static final String REGISTRY = "derrick:registries[0]";

    @Test
    void load_whenBaseAzureConfigIsValid_returnsAzureTargetsWithoutVpcCidr() {
        StackConfig config = loads(validAzure());

        ClusterSpec c = config.clusters().get(0);
        assertThat(c.target()).as("target").isEqualTo(Target.AZURE);
        assertThat(c.vpcCidr()).as("no VPC range: AKS manages its network").isNull();
        assertThat(c.podCidr()).as("overlay pod range").isEqualTo(ClusterSpec.DEFAULT_POD_CIDR);
        assertThat(c.systemPool().name()).as("system pool").isEqualTo("system");
        assertThat(config.registries().get(0).target()).as("registry placed on azure").isEqualTo(Target.AZURE);
    }

    @Nested
    class RegionsAndZones {
        @Test
        void load_whenLocationMisspelt_reportsSuggestion() {
            ConfigError e = errorAt(validAzure().set(CLUSTER + ".region", "east-us"), CLUSTER + ".region");

            assertError(e, CLUSTER + ".region", "unknown azure region", "\"east-us\"", "did you mean eastus?");
        }

        @Test
        void load_whenZoneIsAnAwsZone_reportsAzureZones() {
            ConfigError e = onlyError(validAzure().set(CLUSTER + ".zones[1]", "eastus-1b"));

            assertError(e, CLUSTER + ".zones[1]", "not an Azure availability zone", "\"eastus-1b\"", "\"1\", \"2\" and \"3\"");
        }

        @Test
        void load_whenZoneIsFour_reportsAzureZones() {
            ConfigError e = onlyError(validAzure().set(CLUSTER + ".zones[1]", "\"4\""));

            assertError(e, CLUSTER + ".zones[1]", "not an Azure availability zone", "\"4\"", "quote them");
        }

        @Test
        void load_whenZoneThree_loads() {
            assertThat(loads(validAzure().set(CLUSTER + ".zones[1]", "\"3\"")).clusters().get(0).zones()).as("zones").containsExactly("1", "3");
        }

        @Test
        void load_whenAzureClusterHasNoZones_loadsWithoutZonePinning() {
            assertThat(loads(validAzure().remove(CLUSTER + ".zones")).clusters().get(0).zones()).as("zones").isEmpty();
        }

        @Test
        void load_whenVpcCidrOnAzure_reportsNotApplicable() {
            ConfigError e = onlyError(validAzure().set(CLUSTER + ".vpcCidr", "10.0.0.0/16"));

            assertError(e, CLUSTER + ".vpcCidr", "does not apply to azure", "\"10.0.0.0/16\"", "remove vpcCidr");
        }

        @Test
        void load_whenServiceCidrOverlapsPodCidrOnAzure_reportsOverlap() {
            ConfigError e = onlyError(validAzure().set(CLUSTER + ".serviceCidr", "10.64.0.0/20"));

            assertError(e, CLUSTER + ".serviceCidr", "overlaps podCidr 10.64.0.0/14 on azure", "\"10.64.0.0/20\"", "outside");
        }
    }

    @Nested
    class Pools {
        @Test
        void load_whenPoolNameHasDash_reportsAksPoolRule() {
            ConfigError e = onlyError(validAzure().set(POOL1 + ".name", "gpu-pool"));

            assertError(e, POOL1 + ".name", "AKS node pool names allow no '-'", "\"gpu-pool\"", "gpu or h100");
        }

        @Test
        void load_whenPoolNameLongerThan12_reportsAksPoolRule() {
            ConfigError e = onlyError(validAzure().set(POOL1 + ".name", "inferencegpus"));

            assertError(e, POOL1 + ".name", "longer than 12 characters", "\"inferencegpus\"", "gpu or h100");
        }

        @Test
        void load_whenPoolNameShortAlphanumeric_loads() {
            assertThat(loads(validAzure().set(POOL1 + ".name", "gpu2")).clusters().get(0).nodePools().get(1).name()).as("name").isEqualTo("gpu2");
        }

        @Test
        void load_whenOnlyGpuPools_reportsSystemPoolMissing() {
            ConfigError e = onlyError(validAzure().remove(POOL0));

            assertError(e, CLUSTER + ".nodePools", "needs a CPU pool for the AKS system pool", null, "Standard_D4s_v5");
        }

        @Test
        void load_whenSystemPoolScalesToZero_reportsSystemPoolMin() {
            ConfigError e = onlyError(validAzure().set(POOL0 + ".min", "0"));

            assertError(e, POOL0 + ".min", "the AKS system pool (the first CPU pool) needs at least one node", "0", "min: 1");
        }

        @Test
        void load_whenSystemPoolOnSpot_reportsSystemPoolSpot() {
            ConfigError e = onlyError(validAzure().set(POOL0 + ".capacity", "spot"));

            assertError(e, POOL0 + ".capacity", "cannot run on spot VMs", "\"spot\"", "on-demand");
        }

        @Test
        void load_whenGpuPoolScalesToZero_loads() {
            assertThat(loads(validAzure()).clusters().get(0).nodePools().get(1).min()).as("GPU pool min").isZero();
        }

        @Test
        void load_whenL4OnAzure_reportsWhatAzureOffers() {
            ConfigError e = onlyError(validAzure().set(POOL1 + ".accelerator", "l4"));

            assertError(e, POOL1 + ".accelerator", "not offered on azure", "\"l4\"",
                    "azure offers: a10, a100-40gb, a100-80gb, h100-80gb, h100-nvl-94gb, t4");
        }

        @Test
        void load_whenGpuCountNotOfferedOnAzure_reportsOfferedCounts() {
            ConfigError e = onlyError(validAzure().set(POOL1 + ".gpusPerNode", "2"));

            assertError(e, POOL1 + ".gpusPerNode", "azure has no t4 VM size with this many GPUs", "2", "use one of [1, 4]");
        }

        @Test
        void load_whenVmSizeMalformed_reportsNotAnAzureVmSize() {
            ConfigError e = onlyError(validAzure().set(POOL0 + ".machineType", "D4s_v5"));

            assertError(e, POOL0 + ".machineType", "not an Azure VM size", "\"D4s_v5\"", "Standard_D8s_v5");
        }

        @Test
        void load_whenNSeriesWithoutAccelerator_reportsAcceleratorMissing() {
            ConfigError e = onlyError(validAzure().set(POOL0 + ".machineType", "Standard_NC4as_T4_v3"));

            assertError(e, POOL0 + ".accelerator", "required value is missing: Standard_NC4as_T4_v3 carries t4 GPUs", null, "accelerator: t4");
        }

        @Test
        void load_whenUncataloguedCpuVmSize_loads() {
            assertThat(loads(validAzure().set(POOL0 + ".machineType", "Standard_E8s_v5")).clusters().get(0).nodePools().get(0).machineType())
                    .as("machineType").isEqualTo("Standard_E8s_v5");
        }
    }

    @Nested
    class Stores {
        @Test
        void load_whenStorageAccountNameHasDash_reportsStorageAccountRule() {
            ConfigError e = onlyError(validAzure().set(STORE + ".bucketName", "ml-datasets"));

            assertError(e, STORE + ".bucketName", "invalid Azure storage account name: may use only lowercase letters and digits",
                    "\"ml-datasets\"", "3-24 lowercase letters and digits");
        }

        @Test
        void load_whenStorageAccountNameLongerThan24_reportsStorageAccountRule() {
            String name = "mldatasets" + "x".repeat(15);
            ConfigError e = onlyError(validAzure().set(STORE + ".bucketName", name));

            assertError(e, STORE + ".bucketName", "must be 3 to 24 characters long", "\"" + name + "\"", "unique across Azure");
        }

        @Test
        void load_whenStorageAccountNameValid_loads() {
            assertThat(loads(validAzure().set(STORE + ".bucketName", "mldatasets4711")).objectStores().get(0).bucketName())
                    .as("bucketName").isEqualTo("mldatasets4711");
        }

        @Test
        void load_whenStoreNameTooLongForAutonamedAccount_reportsOnName() {
            ConfigError e = onlyError(validAzure().set(STORE + ".name", "trainingdatasets1"));

            assertError(e, STORE + ".name", "invalid Azure storage account name once Pulumi adds its 8-character suffix", "\"trainingdatasets1\"",
                    "at most 16 lowercase letters and digits");
        }

        @Test
        void load_whenStoreNameOf16_loads() {
            assertThat(loads(validAzure().set(STORE + ".name", "trainingdatasets")).objectStores().get(0).name()).as("name").isEqualTo("trainingdatasets");
        }

        @Test
        void load_whenTwoStoresShareBucketName_reportsDuplicatePhysicalName() {
            ConfigError e = onlyError(validAzure().set(STORE + ".bucketName", "mldatasets4711").appendCopy(STORE)
                    .set("derrick:objectStores[1].name", "checkpoints"));

            assertError(e, "derrick:objectStores[1].bucketName", "duplicate bucketName: physical names are global", "\"mldatasets4711\"", "its own bucketName");
        }

        @Test
        void load_whenKmsOnAzure_reportsNotSupported() {
            ConfigError e = onlyError(validAzure().set(STORE + ".encryption", "kms"));

            assertError(e, STORE + ".encryption", "kms is not supported on azure yet", "\"kms\"", "Microsoft-managed keys");
        }
    }

    @Nested
    class Registries {
        @Test
        void load_whenAcrNameHasSlash_reportsAcrRule() {
            ConfigError e = onlyError(validAzure().set(REGISTRY + ".name", "ml/training"));

            assertError(e, REGISTRY + ".name", "invalid ACR registry name once Pulumi adds its 8-character suffix: may use only letters and digits",
                    "\"ml/training\"", "mlmodels");
        }

        @Test
        void load_whenAcrNameLongerThan42_reportsAcrRule() {
            String name = "m".repeat(43);
            ConfigError e = onlyError(validAzure().set(REGISTRY + ".name", name));

            assertError(e, REGISTRY + ".name", "longer than 42 characters", "\"" + name + "\"", "5-42 letters and digits");
        }

        @Test
        void load_whenAcrNameOf42_loads() {
            String name = "m".repeat(42);
            assertThat(loads(validAzure().set(REGISTRY + ".name", name)).registries().get(0).name()).as("name").isEqualTo(name);
        }
    }

    @Nested
    class Tags {
        @Test
        void load_whenTagKeyHasSlashOnAzure_reportsAzureTagRule() {
            ConfigError e = onlyError(validAzure().set("derrick:tags.team/owner", "ml"));

            assertError(e, "derrick:tags.team/owner", "an Azure tag name must be at most 512 characters and must not contain", "\"team/owner\"",
                    "rename the tag");
        }

        @Test
        void load_whenTagKeyHasSlashOnAws_loads() {
            assertThat(loads(TestStacks.valid().set("derrick:tags.team/owner", "ml")).tags()).as("tags").containsKey("team/owner");
        }
    }
}
