package dev.derrick.azure;

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

/** BlobObjectStore's inputs, planned offline. */
class BlobObjectStoreTest {
    private static Plan planned(ObjectStoreSpec spec) {
        return plan(ctx -> new BlobObjectStore(spec.name(), spec, Map.of("team", "ml"), ComponentResourceOptions.Empty));
    }

    @Test
    void account_whenPlanned_isTls12WithoutPublicBlobAccessAndProtectedWithItsGroup() {
        Plan plan = planned(new ObjectStoreSpec("datasets", null, Target.AZURE, "eastus", null, 30, null, null, true));
        PlannedResource account = resource(plan, "azure-native:storage:StorageAccount", "datasets");

        assertThat(account.inputs()).as("account").containsEntry("minimumTlsVersion", "TLS1_2").containsEntry("allowBlobPublicAccess", false)
                .containsEntry("enableHttpsTrafficOnly", true).containsEntry("kind", "StorageV2").containsEntry("location", "eastus")
                .containsEntry("tags", Map.of("team", "ml")).doesNotContainKey("accountName");
        assertThat(account.protect()).as("account protected").isTrue();
        assertThat(resource(plan, "azure-native:resources:ResourceGroup", "datasets-rg").protect()).as("group protected").isTrue();
    }

    @Test
    void blobService_whenVersioned_hasVersioningAndSoftDelete() {
        Plan plan = planned(new ObjectStoreSpec("datasets", null, Target.AZURE, "eastus", null, 30, null, null, null));
        PlannedResource service = resource(plan, "azure-native:storage:BlobServiceProperties", "datasets-blob-service");

        assertThat(service.inputs()).as("blob service").containsEntry("isVersioningEnabled", true).containsEntry("blobServicesName", "default")
                .containsEntry("deleteRetentionPolicy", Map.of("enabled", true, "days", 7L))
                .containsEntry("containerDeleteRetentionPolicy", Map.of("enabled", true, "days", 7L));
    }

    @Test
    void lifecycle_whenVersioned_deletesPreviousVersionsAfterExpireNoncurrentDays() {
        Plan plan = planned(new ObjectStoreSpec("datasets", null, Target.AZURE, "eastus", null, 30, null, null, null));
        PlannedResource policy = resource(plan, "azure-native:storage:ManagementPolicy", "datasets-lifecycle");

        assertThat(Plan.get(policy.inputs(), "policy.rules.0.definition.actions.version.delete.daysAfterCreationGreaterThan"))
                .as("noncurrent expiry").isEqualTo(30L);
        assertThat(Plan.get(policy.inputs(), "policy.rules.0.definition.filters.blobTypes")).as("block blobs").isEqualTo(List.of("blockBlob"));
        assertThat(policy.inputs()).as("policy name").containsEntry("managementPolicyName", "default");
    }

    @Test
    void lifecycle_whenVersioningOff_isNotCreated() {
        Plan plan = planned(new ObjectStoreSpec("scratch", null, Target.AZURE, "eastus", false, null, null, null, null));

        assertThat(plan.ofType("azure-native:storage:ManagementPolicy")).as("no empty policy").isEmpty();
        assertThat(resource(plan, "azure-native:storage:BlobServiceProperties", "scratch-blob-service").inputs())
                .as("versioning off").containsEntry("isVersioningEnabled", false);
    }

    @Test
    void container_whenPlanned_isPrivateAndNamedLikeTheStore() {
        Plan plan = planned(new ObjectStoreSpec("datasets", "mldatasets4711", Target.AZURE, "eastus", null, null, null, null, null));

        assertThat(resource(plan, "azure-native:storage:BlobContainer", "datasets-container").inputs()).as("container")
                .containsEntry("containerName", "datasets").containsEntry("publicAccess", "None");
        assertThat(resource(plan, "azure-native:storage:StorageAccount", "datasets").inputs()).as("explicit account name")
                .containsEntry("accountName", "mldatasets4711");
    }
}
