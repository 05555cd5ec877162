package dev.derrick.gcp;

import com.pulumi.core.Output;
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
 * uploads, the stack's labels, and CMEK with {@code kmsKeyId} when {@code encryption: kms}
 * (the GCS service agent needs {@code roles/cloudkms.cryptoKeyEncrypterDecrypter} on that key;
 * Derrick does not grant it). Without {@code bucketName} the name is the store's name plus
 * Pulumi's random suffix.
 */
public final class GcsObjectStore extends ComponentResource {
    public static final String TYPE = "derrick:gcp:GcsObjectStore";

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
        if (spec.encryption().equals("kms")) {
            args.encryption(BucketEncryptionArgs.builder().defaultKmsKeyName(spec.kmsKeyId()).build());
        }
        var bucket = new Bucket(name, args.build(), CustomResourceOptions.builder().parent(this).protect(spec.protect()).build());
        this.bucketName = bucket.name();
        this.url = bucket.url();
        registerOutputs(Map.of("bucketName", bucketName, "url", url));
    }
}
