package dev.derrick.gcp;

import com.pulumi.resources.ComponentResourceOptions;
import dev.derrick.config.ObjectStoreSpec;
import dev.derrick.config.Target;
import dev.derrick.plan.Plan;
import dev.derrick.plan.PlannedResource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.derrick.plan.ComponentPlans.plan;
import static dev.derrick.plan.ComponentPlans.resource;
import static org.assertj.core.api.Assertions.assertThat;

/** GcsObjectStore's inputs, planned offline. */
class GcsObjectStoreTest {
    private static final String KEY = "projects/p/locations/us-central1/keyRings/ml/cryptoKeys/datasets";
    private static final String GRANT = "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember";

    private static Plan plannedStore(ObjectStoreSpec spec) {
        return plan(ctx -> new GcsObjectStore(spec.name(), spec, "p-123456", Map.of("team", "ml"), ComponentResourceOptions.Empty));
    }

    private static PlannedResource planned(ObjectStoreSpec spec) {
        return resource(plannedStore(spec), "gcp:storage/bucket:Bucket", spec.name());
    }

    @Test
    void bucket_whenPlanned_isUniformPrivateVersionedLabelledWithLifecycle() {
        PlannedResource b = planned(new ObjectStoreSpec("datasets", null, Target.GCP, "us-central1", null, 30, null, null, true));

        assertThat(b.inputs()).as("bucket").containsEntry("uniformBucketLevelAccess", true).containsEntry("publicAccessPrevention", "enforced")
                .containsEntry("location", "US-CENTRAL1").containsEntry("project", "p-123456").containsEntry("forceDestroy", false)
                .containsEntry("labels", Map.of("team", "ml")).doesNotContainKey("name").doesNotContainKey("encryption");
        assertThat(Plan.get(b.inputs(), "versioning.enabled")).as("versioning").isEqualTo(true);
        assertThat(Plan.get(b.inputs(), "lifecycleRules")).as("lifecycle").isEqualTo(List.of(
                Map.of("action", Map.of("type", "AbortIncompleteMultipartUpload"), "condition", Map.of("age", 7L)),
                Map.of("action", Map.of("type", "Delete"), "condition", Map.of("daysSinceNoncurrentTime", 30L, "withState", "ARCHIVED"))));
        assertThat(b.protect()).as("protected").isTrue();
    }

    @Test
    void bucket_whenKmsWithKey_usesCmekAndTheExplicitName() {
        PlannedResource b = planned(new ObjectStoreSpec("datasets", "ml-datasets-prod", Target.GCP, "us-central1", null, null, "kms", KEY, null));

        assertThat(Plan.get(b.inputs(), "encryption.defaultKmsKeyName")).as("CMEK").isEqualTo(KEY);
        assertThat(b.inputs()).as("explicit name").containsEntry("name", "ml-datasets-prod");
        assertThat(b.protect()).as("not protected by default").isFalse();
    }

    @Test
    void cmekGrant_whenKmsWithKey_letsTheStorageAgentUseTheKeyAndTheBucketWaitsForIt() {
        Plan plan = plannedStore(new ObjectStoreSpec("datasets", null, Target.GCP, "us-central1", null, null, "kms", KEY, null));
        PlannedResource grant = resource(plan, GRANT, "datasets-cmek-grant");
        PlannedResource bucket = resource(plan, "gcp:storage/bucket:Bucket", "datasets");

        assertThat(grant.inputs()).as("grant").containsEntry("cryptoKeyId", KEY)
                .containsEntry("role", "roles/cloudkms.cryptoKeyEncrypterDecrypter");
        assertThat(grant.parent()).as("under the store").isEqualTo(resource(plan, GcsObjectStore.TYPE, "datasets").urn());
        assertThat(grant.retainOnDelete()).as("kept on delete: other buckets may use the key").isTrue();
        assertThat(bucket.dependencies()).as("bucket waits for the grant").contains(grant.urn());
    }

    @Test
    void cmekGrant_whenOneStoreHasAKeyAndOneNot_isOnlyForTheOneWithTheKey() {
        Plan plan = plan(ctx -> {
            for (var spec : List.of(new ObjectStoreSpec("datasets", null, Target.GCP, "us-central1", null, null, "kms", KEY, null),
                    new ObjectStoreSpec("scratch", null, Target.GCP, "us-central1", null, null, null, null, null))) {
                new GcsObjectStore(spec.name(), spec, "p-123456", Map.of(), ComponentResourceOptions.Empty);
            }
        });

        assertThat(plan.ofType(GRANT)).as("grants").extracting(PlannedResource::name).containsExactly("datasets-cmek-grant");
        assertThat(resource(plan, "gcp:storage/bucket:Bucket", "scratch").dependencies()).as("Google-managed keys: nothing to wait for")
                .isEmpty();
    }

    @Test
    void bucket_whenVersioningOff_hasNoNoncurrentRule() {
        PlannedResource b = planned(new ObjectStoreSpec("scratch", null, Target.GCP, "us-central1", false, null, null, null, null));

        assertThat(Plan.get(b.inputs(), "versioning.enabled")).as("versioning").isEqualTo(false);
        assertThat((List<?>) Plan.get(b.inputs(), "lifecycleRules")).as("only the multipart rule").hasSize(1);
    }
}
