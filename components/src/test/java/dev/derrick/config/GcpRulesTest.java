package dev.derrick.config;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static dev.derrick.config.TestStacks.validGcp;
import static org.assertj.core.api.Assertions.assertThat;

/** The rules a gcp target adds, each with a failing and a passing case; failing cases change one thing of {@link TestStacks#VALID_GCP}. */
class GcpRulesTest extends LoaderTestSupport {
    private static final String CLUSTER = "derrick:clusters[0]";
    private static final String POOL0 = CLUSTER + ".nodePools[0]";   // system: e2-standard-4
    private static final String POOL1 = CLUSTER + ".nodePools[1]";   // gpu: l4 x1, spot
    private static final String STORE = "derrick:objectStores[0]";
    private static final String REGISTRY = "derrick:registries[0]";

    @Test
    void load_whenBaseGcpConfigIsValid_returnsGcpTargetsWithOverlayRanges() {
        StackConfig config = loads(validGcp());

        ClusterSpec c = config.clusters().get(0);
        assertThat(c.target()).as("target").isEqualTo(Target.GCP);
        assertThat(c.vpcCidr()).as("subnetwork range").isEqualTo(ClusterSpec.DEFAULT_VPC_CIDR);
        assertThat(c.podCidr()).as("pods range").isEqualTo(ClusterSpec.DEFAULT_POD_CIDR);
        assertThat(c.serviceCidr()).as("services range").isEqualTo(ClusterSpec.DEFAULT_SERVICE_CIDR);
        assertThat(config.gcpProject()).as("project").isEqualTo("ml-platform-dev");
        assertThat(config.objectStores().get(0).target()).as("store placed on gcp").isEqualTo(Target.GCP);
    }

    @Nested
    class Project {
        @Test
        void load_whenGcpTargetWithoutProject_reportsProjectRequired() {
            ConfigError e = onlyError(validGcp().remove("derrick:gcpProject"));

            assertError(e, "derrick:gcpProject", "required value is missing: the stack has gcp targets", null, "derrick:gcpProject: ml-platform-prod");
        }

        @Test
        void load_whenProjectIsNotAProjectId_reportsProjectIdRule() {
            ConfigError e = onlyError(validGcp().set("derrick:gcpProject", "ML Platform"));

            assertError(e, "derrick:gcpProject", "invalid Google Cloud project id", "\"ML Platform\"", "project id");
        }

        @Test
        void load_whenProjectIdValid_loads() {
            assertThat(loads(validGcp().set("derrick:gcpProject", "ml-prod-4711")).gcpProject()).as("project").isEqualTo("ml-prod-4711");
        }

        @Test
        void load_whenAwsOnlyStackHasNoProject_loads() {
            assertThat(loads(TestStacks.valid()).gcpProject()).as("project").isNull();
        }
    }

    @Nested
    class RegionsAndZones {
        @Test
        void load_whenRegionUnknownOnGcp_reportsSuggestion() {
            ConfigError e = errorAt(validGcp().set(CLUSTER + ".region", "us-central"), CLUSTER + ".region");

            assertError(e, CLUSTER + ".region", "unknown gcp region", "\"us-central\"", "did you mean us-central1?");
        }

        @Test
        void load_whenStackRegionIsAnAwsRegionOnAGcpStack_reportsUnknownGcpRegion() {
            ConfigError e = errorAt(validGcp().set("derrick:region", "us-east-1"), "derrick:region");

            assertError(e, "derrick:region", "unknown gcp region", "\"us-east-1\"", "did you mean us-east1?");
        }

        @Test
        void load_whenProjectDefaultRegionIsAwsButEveryGcpPartNamesItsRegion_loads() {
            // Pulumi.yaml (TestStacks.PROJECT_YAML) defaults derrick:region to us-east-1; no part of this stack uses it.
            StackConfig config = loads(validGcp().remove("derrick:region").set(CLUSTER + ".region", "us-central1"));

            assertThat(config.clusters().get(0).region()).isEqualTo("us-central1");
            assertThat(config.objectStores().get(0).region()).as("stores follow the first cluster").isEqualTo("us-central1");
        }

        @Test
        void load_whenProjectDefaultRegionIsAwsAndAGcpClusterUsesIt_reportsItWhereItIsUsed() {
            ConfigError e = errorAt(validGcp().remove("derrick:region"), "derrick:region");

            assertThat(e.file()).isEqualTo("Pulumi.yaml");
            assertThat(e.problem()).contains("unknown gcp region").contains("that names none");
        }

        @Test
        void load_whenZoneWrittenTheAwsWay_reportsGcpZoneFormat() {
            ConfigError e = onlyError(validGcp().set(CLUSTER + ".zones[1]", "us-central1b"));

            assertError(e, CLUSTER + ".zones[1]", "not a zone of region us-central1", "\"us-central1b\"", "us-central1-a");
        }

        @Test
        void load_whenZoneOfRegion_loads() {
            assertThat(loads(validGcp().set(CLUSTER + ".zones[1]", "us-central1-f")).clusters().get(0).zones())
                    .as("zones").containsExactly("us-central1-a", "us-central1-f");
        }

        @Test
        void load_whenGcpClusterHasNoZones_reportsZonesRequired() {
            ConfigError e = onlyError(validGcp().remove(CLUSTER + ".zones"));

            assertError(e, CLUSTER + ".zones", "required value is missing", null, "us-central1-a");
        }

        @Test
        void load_whenSubnetIdsOnGcp_reportsAwsOnly() {
            ConfigError e = onlyError(validGcp().set(CLUSTER + ".subnetIds", "[subnet-1]"));

            assertError(e, CLUSTER + ".subnetIds", "only applies to aws", "[subnet-1]", "set vpcCidr instead");
        }
    }

    @Nested
    class Ranges {
        @Test
        void load_whenPodCidrOverlapsVpcCidr_reportsOverlap() {
            ConfigError e = onlyError(validGcp().set(CLUSTER + ".podCidr", "10.0.0.0/14"));

            assertError(e, CLUSTER + ".podCidr", "overlaps vpcCidr 10.0.0.0/16", "\"10.0.0.0/14\"", "outside 10.0.0.0/16");
        }

        @Test
        void load_whenServiceCidrOverlapsPodCidr_reportsOverlap() {
            ConfigError e = onlyError(validGcp().set(CLUSTER + ".serviceCidr", "10.65.0.0/20"));

            assertError(e, CLUSTER + ".serviceCidr", "overlaps podCidr 10.64.0.0/14", "\"10.65.0.0/20\"", "outside 10.64.0.0/14");
        }

        @Test
        void load_whenPodCidrNotACidr_reportsInvalid() {
            ConfigError e = onlyError(validGcp().set(CLUSTER + ".podCidr", "10.64.0.0"));

            assertError(e, CLUSTER + ".podCidr", "not a valid IPv4 CIDR block", "\"10.64.0.0\"", ClusterSpec.DEFAULT_POD_CIDR);
        }

        @Test
        void load_whenServiceCidrHasHostBits_reportsInvalid() {
            ConfigError e = onlyError(validGcp().set(CLUSTER + ".serviceCidr", "172.16.0.0/8"));

            assertError(e, CLUSTER + ".serviceCidr", "not a valid IPv4 CIDR block", "\"172.16.0.0/8\"", ClusterSpec.DEFAULT_SERVICE_CIDR);
        }

        @Test
        void load_whenServiceCidrPrefixOutsideRange_reportsPrefixRange() {
            ConfigError e = onlyError(validGcp().set(CLUSTER + ".serviceCidr", "172.16.0.0/26"));

            assertError(e, CLUSTER + ".serviceCidr", "prefix must be between /12 and /24", "\"172.16.0.0/26\"", ClusterSpec.DEFAULT_SERVICE_CIDR);
        }

        @Test
        void load_whenRangesApart_loads() {
            ClusterSpec c = loads(validGcp().set(CLUSTER + ".podCidr", "172.20.0.0/14").set(CLUSTER + ".serviceCidr", "172.24.0.0/20"))
                    .clusters().get(0);

            assertThat(c.podCidr()).as("podCidr").isEqualTo("172.20.0.0/14");
            assertThat(c.serviceCidr()).as("serviceCidr").isEqualTo("172.24.0.0/20");
        }

        @Test
        void load_whenPodCidrOnAws_reportsGcpAndAzureOnly() {
            ConfigError e = onlyError(TestStacks.valid().set(CLUSTER + ".podCidr", "10.64.0.0/14"));

            assertError(e, CLUSTER + ".podCidr", "only applies to gcp and azure", "\"10.64.0.0/14\"", "remove podCidr");
        }
    }

    @Nested
    class MachineTypes {
        @Test
        void load_whenAwsInstanceTypeOnGcp_reportsNotAGcpMachineType() {
            ConfigError e = onlyError(validGcp().set(POOL0 + ".machineType", "m6i.xlarge"));

            assertError(e, POOL0 + ".machineType", "not a GCP machine type", "\"m6i.xlarge\"", "n2-standard-8");
        }

        @Test
        void load_whenUncataloguedCpuMachineType_loads() {
            assertThat(loads(validGcp().set(POOL0 + ".machineType", "c3-standard-22")).clusters().get(0).nodePools().get(0).machineType())
                    .as("machineType").isEqualTo("c3-standard-22");
        }

        @Test
        void load_whenGpuFamilyWithoutAccelerator_reportsAcceleratorMissing() {
            ConfigError e = onlyError(validGcp().set(POOL0 + ".machineType", "g2-standard-8"));

            assertError(e, POOL0 + ".accelerator", "required value is missing: g2-standard-8 carries l4 GPUs", null, "add accelerator: l4");
        }

        @Test
        void load_whenUncataloguedGpuFamily_reportsUncatalogued() {
            ConfigError e = onlyError(validGcp().set(POOL0 + ".machineType", "a4-highgpu-8g"));

            assertError(e, POOL0 + ".machineType", "an accelerated machine type that is not in Derrick's catalog", "\"a4-highgpu-8g\"", "accelerator: <key>");
        }

        @Test
        void load_whenN1WithoutAccelerator_loadsAsCpuPool() {
            // N1 takes attached T4s; without an accelerator it is a plain CPU machine.
            assertThat(loads(validGcp().set(POOL0 + ".machineType", "n1-standard-8")).clusters().get(0).nodePools().get(0).isGpu())
                    .as("GPU pool").isFalse();
        }

        @Test
        void load_whenN1WithT4CountItDoesNotTake_reportsCountsItTakes() {
            ConfigError e = onlyError(validGcp().set(POOL1 + ".accelerator", "t4").set(POOL1 + ".machineType", "n1-standard-8")
                    .set(POOL1 + ".gpusPerNode", "4"));

            assertError(e, POOL1 + ".gpusPerNode", "n1-standard-8 takes [1, 2] t4 GPUs", "4", "one of [1, 2]");
        }

        @Test
        void load_whenN1WithT4CountItTakes_loads() {
            NodePoolSpec pool = loads(validGcp().set(POOL1 + ".accelerator", "t4").set(POOL1 + ".machineType", "n1-standard-8")
                    .set(POOL1 + ".gpusPerNode", "2")).clusters().get(0).nodePools().get(1);

            assertThat(pool.gpusPerNode()).as("gpusPerNode").isEqualTo(2);
        }

        @Test
        void load_whenAcceleratorNotOfferedOnGcp_reportsWhatGcpOffers() {
            ConfigError e = onlyError(validGcp().set(POOL1 + ".accelerator", "a10g"));

            assertError(e, POOL1 + ".accelerator", "not offered on gcp", "\"a10g\"", "gcp offers: a100-40gb, a100-80gb, h100-80gb, h200-141gb, l4, t4");
        }

        @Test
        void load_whenGpuCountNotOfferedOnGcp_reportsOfferedCounts() {
            ConfigError e = onlyError(validGcp().set(POOL1 + ".gpusPerNode", "3"));

            assertError(e, POOL1 + ".gpusPerNode", "gcp has no l4 machine type with this many GPUs", "3", "use one of [1, 2, 4, 8]");
        }

        @Test
        void load_whenGpuCountOfferedOnGcp_loads() {
            assertThat(loads(validGcp().set(POOL1 + ".gpusPerNode", "8")).clusters().get(0).nodePools().get(1).gpusPerNode())
                    .as("gpusPerNode").isEqualTo(8);
        }
    }

    @Nested
    class Reservations {
        @Test
        void load_whenReservationWithoutReservedCapacity_reportsReservedOnly() {
            ConfigError e = onlyError(validGcp().set(POOL1 + ".reservation", "h100-prod"));

            assertError(e, POOL1 + ".reservation", "only applies with capacity: reserved", "\"h100-prod\"", "capacity: reserved");
        }

        @Test
        void load_whenReservationOnAws_reportsGcpOnly() {
            ConfigError e = onlyError(TestStacks.valid().set(POOL1 + ".capacity", "reserved").set(POOL1 + ".reservation", "h100-prod"));

            assertError(e, POOL1 + ".reservation", "only applies to gcp", "\"h100-prod\"", "remove it");
        }

        @Test
        void load_whenReservationNameInvalid_reportsNameRule() {
            ConfigError e = onlyError(validGcp().set(POOL1 + ".capacity", "reserved").set(POOL1 + ".reservation", "H100_Prod"));

            assertError(e, POOL1 + ".reservation", "not a Compute Engine reservation name", "\"H100_Prod\"", "h100-prod");
        }

        @Test
        void load_whenReservedWithReservationOnGcp_loads() {
            NodePoolSpec pool = loads(validGcp().set(POOL1 + ".capacity", "reserved").set(POOL1 + ".reservation", "h100-prod"))
                    .clusters().get(0).nodePools().get(1);

            assertThat(pool.reservation()).as("reservation").isEqualTo("h100-prod");
        }
    }

    @Nested
    class Stores {
        @Test
        void load_whenBucketNameStartsWithGoog_reportsGcsRule() {
            ConfigError e = onlyError(validGcp().set(STORE + ".bucketName", "goog-datasets"));

            assertError(e, STORE + ".bucketName", "invalid GCS bucket name: must not start with 'goog'", "\"goog-datasets\"", "GCS bucket naming rules");
        }

        @Test
        void load_whenBucketNameContainsGoogleLookalike_reportsGcsRule() {
            ConfigError e = onlyError(validGcp().set(STORE + ".bucketName", "my-g00gle-data"));

            assertError(e, STORE + ".bucketName", "contain 'google' or a look-alike", "\"my-g00gle-data\"", "GCS bucket naming rules");
        }

        @Test
        void load_whenBucketNameHasUnderscore_loadsOnGcs() {
            // Underscores are fine on GCS (not on S3).
            assertThat(loads(validGcp().set(STORE + ".bucketName", "ml_datasets_prod")).objectStores().get(0).bucketName())
                    .as("bucketName").isEqualTo("ml_datasets_prod");
        }

        @Test
        void load_whenStoreNameTooLongForAutonameSuffix_reportsGcsRuleOnName() {
            String name = "d".repeat(56);
            ConfigError e = onlyError(validGcp().set(STORE + ".name", name));

            assertError(e, STORE + ".name", "invalid GCS bucket name once Pulumi adds its 8-character suffix", "\"" + name + "\"", "or set bucketName");
        }

        @Test
        void load_whenKmsWithoutKeyOnGcp_reportsKeyRequired() {
            ConfigError e = onlyError(validGcp().set(STORE + ".encryption", "kms"));

            assertError(e, STORE + ".kmsKeyId", "required value is missing: gcp has no managed default key", null, "cryptoKeys");
        }

        @Test
        void load_whenKmsKeyIsAnAwsAlias_reportsNotACloudKmsKey() {
            ConfigError e = onlyError(validGcp().set(STORE + ".encryption", "kms").set(STORE + ".kmsKeyId", "alias/ml"));

            assertError(e, STORE + ".kmsKeyId", "not a Cloud KMS key resource name", "\"alias/ml\"", "projects/<p>/locations/<region>");
        }

        @Test
        void load_whenKmsWithCloudKmsKey_loads() {
            String key = "projects/p/locations/us-central1/keyRings/ml/cryptoKeys/datasets";
            assertThat(loads(validGcp().set(STORE + ".encryption", "kms").set(STORE + ".kmsKeyId", key)).objectStores().get(0).kmsKeyId())
                    .as("kmsKeyId").isEqualTo(key);
        }
    }

    @Nested
    class Registries {
        @Test
        void load_whenRepositoryIdHasSlash_reportsArtifactRegistryRule() {
            ConfigError e = onlyError(validGcp().set(REGISTRY + ".name", "ml/training"));

            assertError(e, REGISTRY + ".name", "invalid Artifact Registry repository id", "\"ml/training\"", "ml-models");
        }

        @Test
        void load_whenRepositoryIdStartsWithDigit_reportsArtifactRegistryRule() {
            ConfigError e = onlyError(validGcp().set(REGISTRY + ".name", "1models"));

            assertError(e, REGISTRY + ".name", "starting with a letter", "\"1models\"", "ml-models");
        }

        @Test
        void load_whenRepositoryIdValid_loads() {
            assertThat(loads(validGcp().set(REGISTRY + ".name", "ml-serving")).registries().get(0).name()).as("name").isEqualTo("ml-serving");
        }
    }

    @Nested
    class Labels {
        @Test
        void load_whenTagKeyUppercaseOnGcp_reportsLabelRule() {
            ConfigError e = onlyError(validGcp().set("derrick:tags.Team", "ml"));

            assertError(e, "derrick:tags.Team", "a GCP label key must be", "\"Team: ml\"", "use lowercase");
        }

        @Test
        void load_whenTagValueHasSpaceOnGcp_reportsLabelRule() {
            ConfigError e = onlyError(validGcp().set("derrick:tags.team", "ML Platform"));

            assertError(e, "derrick:tags.team", "a GCP label value must be", "\"team: ML Platform\"", "use lowercase");
        }

        @Test
        void load_whenTagUppercaseOnAwsOnly_loads() {
            assertThat(loads(TestStacks.valid().set("derrick:tags.Team", "ML Platform")).tags()).as("tags").containsEntry("Team", "ML Platform");
        }
    }
}
