package dev.derrick.onprem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.resources.ComponentResourceOptions;
import dev.derrick.config.ObjectStoreSpec;
import dev.derrick.config.RegistrySpec;
import dev.derrick.config.Target;
import dev.derrick.plan.Plan;
import dev.derrick.plan.PlannedResource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.derrick.plan.ComponentPlans.plan;
import static dev.derrick.plan.ComponentPlans.resource;
import static org.assertj.core.api.Assertions.assertThat;

/** On-prem object stores (S3-compatible endpoint, in-cluster SeaweedFS) and the in-cluster zot registry, planned offline. */
class OnpremStoresTest {
    private static final Map<String, String> TAGS = Map.of("team", "ml", "environment", "prod", "managed-by", "derrick");

    private static ObjectStoreSpec store(String name, String endpoint, String cluster, boolean versioning, String size) {
        return new ObjectStoreSpec(name, null, Target.ONPREM, "us-east-1", versioning, 30, null, null, true, endpoint, cluster, size);
    }

    private static RegistrySpec registry(String name, boolean scan, int untaggedDays, int keep) {
        return new RegistrySpec(name, Target.ONPREM, null, scan, true, untaggedDays, keep, false, null, "lab", "80Gi");
    }

    @Test
    void s3Compatible_whenPlanned_createsAPrivateEncryptedVersionedBucketThroughTheEndpointsProvider() {
        var spec = store("datasets", "https://s3.lab.example:9000", null, true, null);
        Plan plan = plan(ctx -> {
            var provider = new com.pulumi.aws.Provider(S3CompatibleStore.providerName(spec.endpoint()),
                    S3CompatibleStore.providerArgs(spec.endpoint(), "us-east-1"), com.pulumi.resources.CustomResourceOptions.Empty);
            new S3CompatibleStore("datasets", spec, TAGS, ComponentResourceOptions.builder().providers(provider).build());
        });

        PlannedResource provider = resource(plan, "pulumi:providers:aws", "s3-s3.lab.example-9000");
        assertThat(provider.inputs()).containsEntry("s3UsePathStyle", "true").containsEntry("skipCredentialsValidation", "true")
                .containsEntry("skipRegionValidation", "true").containsEntry("skipRequestingAccountId", "true")
                .containsEntry("skipMetadataApiCheck", "true").containsEntry("region", "us-east-1");
        assertThat(provider.inputs().get("endpoints").toString()).contains("https://s3.lab.example:9000");
        PlannedResource bucket = resource(plan, "aws:s3/bucketV2:BucketV2", "datasets");
        assertThat(bucket.protect()).isTrue();
        assertThat(bucket.provider()).isEqualTo(provider.urn());
        assertThat(resource(plan, "aws:s3/bucketAclV2:BucketAclV2", "datasets-acl").inputs()).containsEntry("acl", "private");
        assertThat(Plan.get(resource(plan, "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
                "datasets-encryption").inputs(), "rules.0.applyServerSideEncryptionByDefault.sseAlgorithm")).isEqualTo("AES256");
        assertThat(Plan.get(resource(plan, "aws:s3/bucketVersioningV2:BucketVersioningV2", "datasets-versioning").inputs(),
                "versioningConfiguration.status")).isEqualTo("Enabled");
        assertThat(plan.ofType("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock")).as("not implemented by S3-compatible endpoints").isEmpty();
    }

    @Test
    void inCluster_whenTwoStores_runsOneSeaweedfsWithBothBucketsAuthAndEncryptionAndTheLargerVolume() {
        var stores = List.of(store("scratch", null, "lab", false, "200Gi"), store("features", null, "lab", false, "1Ti"));
        Plan plan = plan(ctx -> new InClusterObjectStore("lab-object-store", stores, List.of(), ComponentResourceOptions.Empty));
        PlannedResource release = resource(plan, "kubernetes:helm.sh/v3:Release", "lab-object-store-release");

        assertThat(release.inputs()).containsEntry("chart", "seaweedfs").containsEntry("version", InClusterObjectStore.CHART_VERSION);
        assertThat(Plan.get(release.inputs(), "values.filer.s3.createBuckets")).isEqualTo(List.of(
                Map.of("name", "scratch", "anonymousRead", false), Map.of("name", "features", "anonymousRead", false)));
        assertThat(Plan.get(release.inputs(), "values.filer.s3.enableAuth")).isEqualTo(true);
        assertThat(Plan.get(release.inputs(), "values.filer.encryptVolumeData")).isEqualTo(true);
        assertThat(Plan.get(release.inputs(), "values.volume.dataDirs.0.size")).isEqualTo("1Ti");
        // The chart's own server image (app version of the pinned chart): no override to keep in step.
        assertThat(Plan.get(release.inputs(), "values.master.imageOverride")).isNull();
        PlannedResource secret = resource(plan, "kubernetes:core/v1:Secret", "lab-object-store-s3-config");
        assertThat(secret.inputs().get("stringData")).as("generated keys stay secret").isEqualTo(PlannedResource.SECRET);
        assertThat(release.inputs().toString()).as("keys never in Helm values").doesNotContain("secretKey");
    }

    @Test
    void registry_whenPlanned_runsZotWithRetentionPerRepositoryAndCveScanning() throws Exception {
        var registries = List.of(registry("ml/training", true, 14, 200), registry("ml/scratch", false, 3, 20));
        Plan plan = plan(ctx -> new OciRegistry("lab-registry", registries, List.of(), ComponentResourceOptions.Empty));
        PlannedResource release = resource(plan, "kubernetes:helm.sh/v3:Release", "lab-registry-release");

        assertThat(release.inputs()).containsEntry("chart", "zot").containsEntry("version", "0.1.122");
        assertThat(Plan.get(release.inputs(), "values.service")).isEqualTo(Map.of("type", "NodePort", "port", 5000L, "nodePort", 30500L));
        assertThat(Plan.get(release.inputs(), "values.pvc.storage")).isEqualTo("80Gi");
        @SuppressWarnings("unchecked")
        var files = (Map<String, Object>) Plan.get(release.inputs(), "values.configFiles");
        JsonNode config = new ObjectMapper().readTree((String) files.get("config.json"));
        assertThat(config.at("/storage/retention/delay").asText()).as("the shortest untagged expiry").isEqualTo("72h");
        assertThat(config.at("/storage/retention/policies/0/repositories/0").asText()).isEqualTo("ml/training");
        assertThat(config.at("/storage/retention/policies/0/keepTags/0/mostRecentlyPushedCount").asInt()).isEqualTo(200);
        assertThat(config.at("/storage/retention/policies/1/keepTags/0/mostRecentlyPushedCount").asInt()).isEqualTo(20);
        assertThat(config.at("/extensions/search/cve/updateInterval").asText()).isEqualTo("24h");
        assertThat(OciRegistry.repositoryUrl("ml/training")).isEqualTo("localhost:30500/ml/training");
    }
}
