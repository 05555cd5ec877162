package dev.derrick.preflight.aws;

import dev.derrick.preflight.CheckResult;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * An explicit bucket name is free or already ours (S3 names are global): S3 HeadBucket answers
 * 404 (free: Pulumi creates it), 200 (exists and these credentials reach it: ours), 403 (exists
 * in an account that is not ours), 301 (exists in another region).
 */
final class BucketNameCheck extends AwsCheck {
    private final String store;
    private final String bucket;

    BucketNameCheck(AwsClients aws, String region, String store, String bucket) {
        super(aws, region);
        this.store = store;
        this.bucket = bucket;
    }

    @Override
    public String id() {
        return "aws.bucket-name";
    }

    @Override
    public String subject() {
        return store + " s3://" + bucket;
    }

    @Override
    String permission() {
        return "s3:ListBucket on arn:aws:s3:::" + bucket;
    }

    @Override
    public CheckResult run() {
        try {
            aws.s3(region).headBucket(b -> b.bucket(bucket));
            return CheckResult.pass(this, "exists and these credentials reach it (HTTP 200): ours");
        } catch (NoSuchBucketException free) {
            return CheckResult.pass(this, "free (HTTP 404): pulumi up creates it");
        } catch (S3Exception e) {
            return switch (e.statusCode()) {
                case 404 -> CheckResult.pass(this, "free (HTTP 404): pulumi up creates it");
                case 403 -> CheckResult.fail(this, "taken (HTTP 403): the bucket exists and is not ours (or we lack s3:ListBucket on it)",
                        "choose another bucketName for store " + store + ", or drop bucketName to let Pulumi add a random suffix");
                case 301 -> CheckResult.fail(this, "exists in another region than " + region + " (HTTP 301)",
                        "choose another bucketName, or place store " + store + " in the bucket's region");
                default -> throw e;
            };
        }
    }
}
