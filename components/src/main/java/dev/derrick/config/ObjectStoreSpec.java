package dev.derrick.config;

/**
 * A bucket for datasets, checkpoints or models.
 *
 * @param name                  logical name, unique among stores; the bucket's (on azure: the storage account's) physical
 *                              name is the name plus a random suffix by Pulumi auto-naming unless {@code bucketName} is set;
 *                              on azure it is also the blob container's name
 * @param bucketName            explicit physical name, globally unique: the S3 or GCS bucket, or the Azure storage account
 * @param target                default: the first cluster's target
 * @param region                default: the first cluster's region, else {@code derrick:region}
 * @param versioning            default true
 * @param expireNoncurrentDays  days after which noncurrent versions are deleted; default 30; 0 keeps them
 * @param encryption            {@code s3-managed} (default: keys the cloud manages; SSE-S3 on aws) or {@code kms}
 *                              (aws: SSE-KMS with the AWS managed key or {@code kmsKeyId}; gcp: CMEK with {@code kmsKeyId};
 *                              not on azure yet)
 * @param kmsKeyId              KMS key for {@code kms}: aws key id, ARN or alias (default the AWS managed key);
 *                              gcp {@code projects/P/locations/L/keyRings/R/cryptoKeys/K} (required)
 * @param protect               Pulumi {@code protect}: refuse to delete; default false
 */
public record ObjectStoreSpec(
        String name,
        String bucketName,
        Target target,
        String region,
        Boolean versioning,
        Integer expireNoncurrentDays,
        String encryption,
        String kmsKeyId,
        Boolean protect) {

    public ObjectStoreSpec {
        versioning = versioning == null ? Boolean.TRUE : versioning;
        expireNoncurrentDays = expireNoncurrentDays == null ? 30 : expireNoncurrentDays;
        encryption = encryption == null ? "s3-managed" : encryption;
        protect = protect == null ? Boolean.FALSE : protect;
    }

    /** This store with target and region filled in where absent. */
    public ObjectStoreSpec placedIn(Target defaultTarget, String defaultRegion) {
        return new ObjectStoreSpec(name, bucketName, target == null ? defaultTarget : target, region == null ? defaultRegion : region,
                versioning, expireNoncurrentDays, encryption, kmsKeyId, protect);
    }
}
