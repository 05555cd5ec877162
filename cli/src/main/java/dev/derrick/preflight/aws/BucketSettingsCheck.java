package dev.derrick.preflight.aws;

import dev.derrick.config.ObjectStoreSpec;
import dev.derrick.preflight.CheckResult;
import dev.derrick.preflight.StackOutputs;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;

import java.util.ArrayList;
import java.util.List;

/**
 * A deployed store is what its spec promised: the bucket exists, versioning is enabled (when
 * asked for), default encryption is the configured algorithm, and all four public access blocks
 * are on. S3 GetBucketVersioning, GetBucketEncryption, GetPublicAccessBlock.
 */
final class BucketSettingsCheck extends AwsCheck {
    private final ObjectStoreSpec spec;
    private final String output;
    private final String bucket;

    /** @param bucket the bucket from the stack outputs; null when the outputs lack it */
    BucketSettingsCheck(AwsClients aws, ObjectStoreSpec spec, String output, String bucket) {
        super(aws, spec.region());
        this.spec = spec;
        this.output = output;
        this.bucket = bucket;
    }

    @Override
    public String id() {
        return "aws.bucket";
    }

    @Override
    public String subject() {
        return spec.name() + (bucket == null ? "" : " s3://" + bucket);
    }

    @Override
    String permission() {
        return "s3:GetBucketVersioning, s3:GetEncryptionConfiguration and s3:GetBucketPublicAccessBlock";
    }

    @Override
    public CheckResult run() {
        if (bucket == null) {
            return CheckResult.fail(this, "no bucket name in the stack outputs", StackOutputs.missingFix(output));
        }
        S3Client s3 = aws.s3(region);
        var problems = new ArrayList<String>();
        var found = new ArrayList<String>();
        BucketVersioningStatus versioning;
        try {
            versioning = s3.getBucketVersioning(b -> b.bucket(bucket)).status();
        } catch (NoSuchBucketException e) {
            return CheckResult.fail(this, "bucket does not exist", "run pulumi up for this stack (or check --outputs is this stack's)");
        }
        if (spec.versioning() && versioning != BucketVersioningStatus.ENABLED) {
            problems.add("versioning is " + (versioning == null ? "off" : versioning.toString()) + ", expected Enabled");
        } else {
            found.add("versioning " + (versioning == null ? "off" : versioning.toString()));
        }

        String expected = "kms".equals(spec.encryption()) ? "aws:kms" : "AES256";
        String algorithm = null;
        try {
            List<ServerSideEncryptionRule> rules = s3.getBucketEncryption(b -> b.bucket(bucket)).serverSideEncryptionConfiguration().rules();
            if (!rules.isEmpty() && rules.get(0).applyServerSideEncryptionByDefault() != null) {
                algorithm = rules.get(0).applyServerSideEncryptionByDefault().sseAlgorithmAsString();
            }
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
        }
        if (!expected.equals(algorithm)) {
            problems.add("default encryption is " + (algorithm == null ? "not set" : algorithm) + ", expected " + expected);
        } else {
            found.add("SSE " + algorithm);
        }

        PublicAccessBlockConfiguration pab = null;
        try {
            pab = s3.getPublicAccessBlock(b -> b.bucket(bucket)).publicAccessBlockConfiguration();
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
        }
        int blocked = pab == null ? 0 : count(pab.blockPublicAcls(), pab.ignorePublicAcls(), pab.blockPublicPolicy(), pab.restrictPublicBuckets());
        if (blocked < 4) {
            problems.add("public access blocked " + blocked + "/4 (BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets)");
        } else {
            found.add("public access blocked 4/4");
        }
        if (!problems.isEmpty()) {
            return CheckResult.fail(this, String.join("; ", problems), "run pulumi up to restore the settings (someone changed the bucket outside Pulumi, or the update failed)");
        }
        return CheckResult.pass(this, String.join(", ", found));
    }

    private static int count(Boolean... flags) {
        int n = 0;
        for (Boolean f : flags) {
            n += Boolean.TRUE.equals(f) ? 1 : 0;
        }
        return n;
    }
}
