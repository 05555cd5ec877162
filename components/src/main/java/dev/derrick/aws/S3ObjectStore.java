package dev.derrick.aws;

import com.pulumi.aws.s3.BucketLifecycleConfigurationV2;
import com.pulumi.aws.s3.BucketLifecycleConfigurationV2Args;
import com.pulumi.aws.s3.BucketOwnershipControls;
import com.pulumi.aws.s3.BucketOwnershipControlsArgs;
import com.pulumi.aws.s3.BucketPublicAccessBlock;
import com.pulumi.aws.s3.BucketPublicAccessBlockArgs;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2Args;
import com.pulumi.aws.s3.BucketV2;
import com.pulumi.aws.s3.BucketV2Args;
import com.pulumi.aws.s3.BucketVersioningV2;
import com.pulumi.aws.s3.BucketVersioningV2Args;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleFilterArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs;
import com.pulumi.aws.s3.inputs.BucketOwnershipControlsRuleArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketVersioningV2VersioningConfigurationArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.derrick.config.ObjectStoreSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An S3 bucket for ML data: owner-enforced object ownership (no ACLs), all public access
 * blocked, default encryption (SSE-S3, or SSE-KMS with bucket keys), versioning, and a lifecycle
 * that expires noncurrent versions and aborts stale multipart uploads (large checkpoint uploads
 * that die otherwise cost storage forever).
 */
public final class S3ObjectStore extends ComponentResource {
    public static final String TYPE = "derrick:aws:S3ObjectStore";
    /** Days after which an unfinished multipart upload is aborted. */
    public static final int ABORT_MULTIPART_DAYS = 7;

    public final Output<String> bucketName;
    public final Output<String> arn;

    public S3ObjectStore(String name, ObjectStoreSpec spec, Map<String, String> tags, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var bucket = bucket(name, spec, tags, this);
        var child = CustomResourceOptions.builder().parent(this).build();

        new BucketOwnershipControls(name + "-ownership", BucketOwnershipControlsArgs.builder()
                .bucket(bucket.id())
                .rule(BucketOwnershipControlsRuleArgs.builder().objectOwnership("BucketOwnerEnforced").build())
                .build(), child);
        new BucketPublicAccessBlock(name + "-public-access", BucketPublicAccessBlockArgs.builder()
                .bucket(bucket.id())
                .blockPublicAcls(true).blockPublicPolicy(true).ignorePublicAcls(true).restrictPublicBuckets(true)
                .build(), child);

        configure(name, bucket, spec, this);

        this.bucketName = bucket.bucket();
        this.arn = bucket.arn();
        registerOutputs(Map.of("bucketName", bucketName, "arn", arn));
    }

    /** The bucket itself, named {@code name}: {@code bucketName} or Pulumi's auto-name, tagged, never force-destroyed, protected as asked. */
    public static BucketV2 bucket(String name, ObjectStoreSpec spec, Map<String, String> tags, com.pulumi.resources.Resource parent) {
        var bucketArgs = BucketV2Args.builder().tags(tags).forceDestroy(false);
        if (spec.bucketName() != null) {
            bucketArgs.bucket(spec.bucketName());
        }
        return new BucketV2(name, bucketArgs.build(), CustomResourceOptions.builder().parent(parent).protect(spec.protect()).build());
    }

    /**
     * Default encryption, versioning and lifecycle of a bucket, as children {@code <name>-encryption},
     * {@code <name>-versioning} and {@code <name>-lifecycle} of {@code parent}. Shared with on-prem
     * S3-compatible stores, which speak the same API through their own provider.
     */
    public static void configure(String name, BucketV2 bucket, ObjectStoreSpec spec, com.pulumi.resources.Resource parent) {
        var child = CustomResourceOptions.builder().parent(parent).build();
        var sse = BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs.builder();
        if (spec.encryption().equals("kms")) {
            sse.sseAlgorithm("aws:kms");
            if (spec.kmsKeyId() != null) {
                sse.kmsMasterKeyId(spec.kmsKeyId());
            }
        } else {
            sse.sseAlgorithm("AES256");
        }
        new BucketServerSideEncryptionConfigurationV2(name + "-encryption", BucketServerSideEncryptionConfigurationV2Args.builder()
                .bucket(bucket.id())
                .rules(BucketServerSideEncryptionConfigurationV2RuleArgs.builder()
                        .applyServerSideEncryptionByDefault(sse.build())
                        .bucketKeyEnabled(spec.encryption().equals("kms"))
                        .build())
                .build(), child);

        BucketVersioningV2 versioning = null;
        if (spec.versioning()) {
            versioning = new BucketVersioningV2(name + "-versioning", BucketVersioningV2Args.builder()
                    .bucket(bucket.id())
                    .versioningConfiguration(BucketVersioningV2VersioningConfigurationArgs.builder().status("Enabled").build())
                    .build(), child);
        }

        var rules = new ArrayList<BucketLifecycleConfigurationV2RuleArgs>();
        rules.add(BucketLifecycleConfigurationV2RuleArgs.builder()
                .id("abort-incomplete-multipart-uploads").status("Enabled")
                .filter(BucketLifecycleConfigurationV2RuleFilterArgs.builder().prefix("").build())
                .abortIncompleteMultipartUpload(BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs.builder()
                        .daysAfterInitiation(ABORT_MULTIPART_DAYS).build())
                .build());
        if (spec.versioning() && spec.expireNoncurrentDays() > 0) {
            rules.add(BucketLifecycleConfigurationV2RuleArgs.builder()
                    .id("expire-noncurrent-versions").status("Enabled")
                    .filter(BucketLifecycleConfigurationV2RuleFilterArgs.builder().prefix("").build())
                    .noncurrentVersionExpiration(BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs.builder()
                            .noncurrentDays(spec.expireNoncurrentDays()).build())
                    .build());
        }
        // The lifecycle needs versioning in place first (AWS rejects noncurrent rules racing it).
        var lifecycleOptions = CustomResourceOptions.builder().parent(parent);
        if (versioning != null) {
            lifecycleOptions.dependsOn(versioning);
        }
        new BucketLifecycleConfigurationV2(name + "-lifecycle", BucketLifecycleConfigurationV2Args.builder()
                .bucket(bucket.id()).rules(List.copyOf(rules)).build(), lifecycleOptions.build());

    }
}
