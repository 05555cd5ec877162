package dev.derrick.preflight.azure;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobContainerAccessPolicies;
import com.azure.storage.blob.models.BlobRetentionPolicy;
import com.azure.storage.blob.models.BlobServiceProperties;
import dev.derrick.config.ObjectStoreSpec;
import dev.derrick.preflight.CheckResult;
import dev.derrick.preflight.StackOutputs;

import java.util.ArrayList;

/**
 * A deployed Blob store is what {@code BlobObjectStore} promised, read through the Blob service
 * (azure-storage-blob): the store's container exists with no anonymous access (Get Container ACL:
 * no {@code x-ms-blob-public-access}), and blob soft delete is on for at least
 * {@value #SOFT_DELETE_DAYS} days (Get Blob Service Properties, {@code DeleteRetentionPolicy})
 * (https://learn.microsoft.com/en-us/rest/api/storageservices/get-container-acl,
 * https://learn.microsoft.com/en-us/rest/api/storageservices/get-blob-service-properties).
 * TLS minimum, account-level public access and versioning are Resource Manager settings of the
 * account; they are not read here.
 */
final class BlobStoreCheck extends AzureCheck {
    /** What {@code BlobObjectStore} sets (its SOFT_DELETE_DAYS). */
    static final int SOFT_DELETE_DAYS = dev.derrick.azure.BlobObjectStore.SOFT_DELETE_DAYS;
    private final ObjectStoreSpec spec;
    private final String output;
    private final String account;

    /** @param account the storage account from the stack outputs; null when the outputs lack it */
    BlobStoreCheck(AzureClients azure, int maxAttempts, ObjectStoreSpec spec, String output, String account) {
        super(azure, spec.region(), maxAttempts);
        this.spec = spec;
        this.output = output;
        this.account = account;
    }

    @Override
    public String id() {
        return "azure.blob-store";
    }

    @Override
    public String subject() {
        return spec.name() + (account == null ? "" : " " + account + "/" + spec.name());
    }

    @Override
    String permission() {
        return "Storage Blob Data Reader and Microsoft.Storage/storageAccounts/blobServices/read on the account";
    }

    @Override
    public CheckResult run() throws Exception {
        if (account == null) {
            return CheckResult.fail(this, "no storage account name in the stack outputs", StackOutputs.missingFix(output));
        }
        BlobServiceClient service = azure.blob(account);
        BlobContainerClient container = service.getBlobContainerClient(spec.name());
        if (!container.exists()) {
            return CheckResult.fail(this, "container " + spec.name() + " does not exist in account " + account,
                    "run pulumi up for this stack (or check --outputs is this stack's)");
        }
        var problems = new ArrayList<String>();
        var found = new ArrayList<String>();
        BlobContainerAccessPolicies acl = container.getAccessPolicy();
        if (acl.getBlobAccessType() != null) {
            problems.add("container allows anonymous " + acl.getBlobAccessType() + " access, expected none");
        } else {
            found.add("container private");
        }
        BlobServiceProperties props = service.getProperties();
        BlobRetentionPolicy soft = props.getDeleteRetentionPolicy();
        if (soft == null || !soft.isEnabled() || soft.getDays() == null || soft.getDays() < SOFT_DELETE_DAYS) {
            problems.add("blob soft delete " + (soft == null || !soft.isEnabled() ? "off" : soft.getDays() + " days") + ", expected >= " + SOFT_DELETE_DAYS + " days");
        } else {
            found.add("blob soft delete " + soft.getDays() + " days");
        }
        if (!problems.isEmpty()) {
            return CheckResult.fail(this, String.join("; ", problems),
                    "run pulumi up to restore the settings (someone changed the account outside Pulumi, or the update failed)");
        }
        return CheckResult.pass(this, String.join(", ", found));
    }
}
