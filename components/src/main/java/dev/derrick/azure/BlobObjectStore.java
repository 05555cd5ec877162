package dev.derrick.azure;

import com.pulumi.azurenative.resources.ResourceGroup;
import com.pulumi.azurenative.resources.ResourceGroupArgs;
import com.pulumi.azurenative.storage.BlobContainer;
import com.pulumi.azurenative.storage.BlobContainerArgs;
import com.pulumi.azurenative.storage.BlobServiceProperties;
import com.pulumi.azurenative.storage.BlobServicePropertiesArgs;
import com.pulumi.azurenative.storage.ManagementPolicy;
import com.pulumi.azurenative.storage.ManagementPolicyArgs;
import com.pulumi.azurenative.storage.StorageAccount;
import com.pulumi.azurenative.storage.StorageAccountArgs;
import com.pulumi.azurenative.storage.enums.AccessTier;
import com.pulumi.azurenative.storage.enums.PublicAccess;
import com.pulumi.azurenative.storage.inputs.DateAfterCreationArgs;
import com.pulumi.azurenative.storage.inputs.DeleteRetentionPolicyArgs;
import com.pulumi.azurenative.storage.inputs.ManagementPolicyActionArgs;
import com.pulumi.azurenative.storage.inputs.ManagementPolicyDefinitionArgs;
import com.pulumi.azurenative.storage.inputs.ManagementPolicyFilterArgs;
import com.pulumi.azurenative.storage.inputs.ManagementPolicyRuleArgs;
import com.pulumi.azurenative.storage.inputs.ManagementPolicySchemaArgs;
import com.pulumi.azurenative.storage.inputs.ManagementPolicyVersionArgs;
import com.pulumi.azurenative.storage.inputs.SkuArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.derrick.config.ObjectStoreSpec;

import java.util.Map;

/**
 * An Azure Blob store for ML data, in its own resource group: a StorageV2 account (Standard_LRS,
 * Hot tier; LRS because ZRS is not offered in every region), HTTPS only with minimum TLS 1.2 and
 * no anonymous blob access; blob versioning and 7-day soft delete for blobs and containers
 * ({@code BlobServiceProperties}); a lifecycle management policy that deletes previous versions
 * {@code expireNoncurrentDays} after they were created; one private blob container named like the
 * store. Data is encrypted with Microsoft-managed keys. Unfinished block uploads need no rule:
 * Azure discards uncommitted blocks after 7 days by itself.
 *
 * <p>Without {@code bucketName} the account name is the store's name plus Pulumi's random suffix.
 */
public final class BlobObjectStore extends ComponentResource {
    public static final String TYPE = "derrick:azure:BlobObjectStore";
    /** Days deleted blobs and containers stay restorable. */
    public static final int SOFT_DELETE_DAYS = 7;

    public final Output<String> accountName;
    public final Output<String> containerName;
    /** The container's Azure resource id: the scope of role assignments on it. */
    public final Output<String> containerId;

    public BlobObjectStore(String name, ObjectStoreSpec spec, Map<String, String> tags, ComponentResourceOptions options) {
        super(TYPE, name, options);
        // Deleting the group deletes the account with it: it is as protected as the store.
        var protect = CustomResourceOptions.builder().parent(this).protect(spec.protect()).build();
        var child = CustomResourceOptions.builder().parent(this).build();
        var group = new ResourceGroup(name + "-rg", ResourceGroupArgs.builder().location(spec.region()).tags(tags).build(), protect);

        var args = StorageAccountArgs.builder()
                .resourceGroupName(group.name())
                .location(spec.region())
                .kind("StorageV2")
                .sku(SkuArgs.builder().name("Standard_LRS").build())
                .accessTier(AccessTier.Hot)
                .enableHttpsTrafficOnly(true)
                .minimumTlsVersion("TLS1_2")
                .allowBlobPublicAccess(false)
                .tags(tags);
        if (spec.bucketName() != null) {
            args.accountName(spec.bucketName());
        }
        var account = new StorageAccount(name, args.build(), protect);

        var service = new BlobServiceProperties(name + "-blob-service", BlobServicePropertiesArgs.builder()
                .resourceGroupName(group.name())
                .accountName(account.name())
                .blobServicesName("default")
                .isVersioningEnabled(spec.versioning())
                .deleteRetentionPolicy(DeleteRetentionPolicyArgs.builder().enabled(true).days(SOFT_DELETE_DAYS).build())
                .containerDeleteRetentionPolicy(DeleteRetentionPolicyArgs.builder().enabled(true).days(SOFT_DELETE_DAYS).build())
                .build(), child);

        if (spec.versioning() && spec.expireNoncurrentDays() > 0) {
            // Azure rejects a management policy without rules, so the policy exists only with one.
            new ManagementPolicy(name + "-lifecycle", ManagementPolicyArgs.builder()
                    .resourceGroupName(group.name())
                    .accountName(account.name())
                    .managementPolicyName("default")
                    .policy(ManagementPolicySchemaArgs.builder().rules(ManagementPolicyRuleArgs.builder()
                            .name("expire-noncurrent-versions")
                            .enabled(true)
                            .type("Lifecycle")
                            .definition(ManagementPolicyDefinitionArgs.builder()
                                    .filters(ManagementPolicyFilterArgs.builder().blobTypes("blockBlob").build())
                                    .actions(ManagementPolicyActionArgs.builder()
                                            .version(ManagementPolicyVersionArgs.builder()
                                                    .delete(DateAfterCreationArgs.builder()
                                                            .daysAfterCreationGreaterThan((double) spec.expireNoncurrentDays()).build())
                                                    .build())
                                            .build())
                                    .build())
                            .build()).build())
                    .build(), CustomResourceOptions.builder().parent(this).dependsOn(service).build());
        }

        var container = new BlobContainer(name + "-container", BlobContainerArgs.builder()
                .resourceGroupName(group.name())
                .accountName(account.name())
                .containerName(spec.name())
                .publicAccess(PublicAccess.None)
                .build(), child);
        this.accountName = account.name();
        this.containerName = container.name();
        this.containerId = container.id();
        registerOutputs(Map.of("accountName", accountName, "containerName", containerName));
    }
}
