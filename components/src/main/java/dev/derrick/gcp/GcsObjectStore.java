package dev.derrick.gcp;

import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.gcp.kms.CryptoKeyIAMMember;
import com.pulumi.gcp.kms.CryptoKeyIAMMemberArgs;
import com.pulumi.gcp.storage.StorageFunctions;
import com.pulumi.gcp.storage.inputs.GetProjectServiceAccountArgs;
import com.pulumi.gcp.storage.outputs.GetProjectServiceAccountResult;
import com.pulumi.gcp.storage.Bucket;
import com.pulumi.gcp.storage.BucketArgs;
import com.pulumi.gcp.storage.inputs.BucketEncryptionArgs;
import com.pulumi.gcp.storage.inputs.BucketLifecycleRuleActionArgs;
import com.pulumi.gcp.storage.inputs.BucketLifecycleRuleArgs;
import com.pulumi.gcp.storage.inputs.BucketLifecycleRuleConditionArgs;
import com.pulumi.gcp.storage.inputs.BucketVersioningArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.derrick.aws.S3ObjectStore;
import dev.derrick.config.ObjectStoreSpec;

import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;

/**
 * A GCS bucket for ML data, in the store's region: uniform bucket-level access (IAM only, no
 * object ACLs), public access prevention enforced, versioning, a lifecycle that deletes
 * noncurrent versions after {@code expireNoncurrentDays} and aborts stale multipart (XML API)
 * uploads, the stack's labels, and CMEK with {@code kmsKeyId} when {@code encryption: kms}.
 * Without {@code bucketName} the name is the store's name plus Pulumi's random suffix.
 *
 * <p>CMEK: GCS encrypts with the key as the project's Cloud Storage service agent, which needs
 * {@link #CMEK_ROLE} on the key before the bucket can be created with it. The store grants it
 * ({@code <store>-cmek-grant}, a member binding on the key: other members stay) to the agent that
 * {@code storage.getProjectServiceAccount} names (the lookup also creates the agent in a fresh
 * project), and the bucket depends on the grant. The grant is kept on delete
 * ({@code retainOnDelete}): another bucket of the project, in this stack or not, may use the same
 * key through the same agent, and removing the binding would break it.
 */
public final class GcsObjectStore extends ComponentResource {
    public static final String TYPE = "derrick:gcp:GcsObjectStore";
    /** What the Cloud Storage service agent needs on a CMEK key. */
    public static final String CMEK_ROLE = "roles/cloudkms.cryptoKeyEncrypterDecrypter";

    public final Output<String> bucketName;
    public final Output<String> url;

    public GcsObjectStore(String name, ObjectStoreSpec spec, String project, Map<String, String> labels, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var rules = new ArrayList<BucketLifecycleRuleArgs>();
        rules.add(BucketLifecycleRuleArgs.builder()
                .action(BucketLifecycleRuleActionArgs.builder().type("AbortIncompleteMultipartUpload").build())
                .condition(BucketLifecycleRuleConditionArgs.builder().age(S3ObjectStore.ABORT_MULTIPART_DAYS).build())
                .build());
        if (spec.versioning() && spec.expireNoncurrentDays() > 0) {
            rules.add(BucketLifecycleRuleArgs.builder()
                    .action(BucketLifecycleRuleActionArgs.builder().type("Delete").build())
                    .condition(BucketLifecycleRuleConditionArgs.builder()
                            .withState("ARCHIVED")
                            .daysSinceNoncurrentTime(spec.expireNoncurrentDays())
                            .build())
                    .build());
        }
        var args = BucketArgs.builder()
                .project(project)
                // GCS reports locations in upper case; writing it so avoids a diff on every refresh.
                .location(spec.region().toUpperCase(Locale.ROOT))
                .storageClass("STANDARD")
                .uniformBucketLevelAccess(true)
                .publicAccessPrevention("enforced")
                .versioning(BucketVersioningArgs.builder().enabled(spec.versioning()).build())
                .lifecycleRules(rules)
                .labels(labels)
                .forceDestroy(false);
        if (spec.bucketName() != null) {
            args.name(spec.bucketName());
        }
        var bucketOptions = CustomResourceOptions.builder().parent(this).protect(spec.protect());
        if (spec.encryption().equals("kms")) {
            args.encryption(BucketEncryptionArgs.builder().defaultKmsKeyName(spec.kmsKeyId()).build());
            bucketOptions.dependsOn(cmekGrant(name, project, spec.kmsKeyId()));
        }
        var bucket = new Bucket(name, args.build(), bucketOptions.build());
        this.bucketName = bucket.name();
        this.url = bucket.url();
        registerOutputs(Map.of("bucketName", bucketName, "url", url));
    }

    /** {@link #CMEK_ROLE} on {@code kmsKeyId} for the project's Cloud Storage service agent. */
    private CryptoKeyIAMMember cmekGrant(String name, String project, String kmsKeyId) {
        Output<String> agent = StorageFunctions.getProjectServiceAccount(GetProjectServiceAccountArgs.builder().project(project).build(),
                InvokeOptions.builder().parent(this).build()).applyValue(GetProjectServiceAccountResult::member);
        return new CryptoKeyIAMMember(name + "-cmek-grant", CryptoKeyIAMMemberArgs.builder()
                .cryptoKeyId(kmsKeyId)
                .role(CMEK_ROLE)
                .member(agent)
                .build(), CustomResourceOptions.builder().parent(this).retainOnDelete(true).build());
    }
}
