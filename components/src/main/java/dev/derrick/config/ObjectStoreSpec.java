package dev.derrick.config;

/**
 * A bucket for datasets, checkpoints or models.
 *
 * @param name                  logical name, unique among stores; the bucket's physical name is
 *                              {@code <name>-<random suffix>} by Pulumi auto-naming unless {@code bucketName} is set
 * @param bucketName            explicit physical bucket name (globally unique on S3)
 * @param target                default: the first cluster's target
 * @param region                default: the first cluster's region, else {@code derrick:region}
 * @param versioning            default true
 * @param expireNoncurrentDays  days after which noncurrent versions are deleted; default 30; 0 keeps them
 * @param encryption            {@code s3-managed} (SSE-S3, default) or {@code kms} (SSE-KMS with the AWS managed key or {@code kmsKeyId})
 * @param kmsKeyId              KMS key for {@code kms}; default the AWS managed key
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
