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
 * @param endpoint              onprem only: URL of an existing S3-compatible endpoint (MinIO, Ceph RGW, ...) the bucket is
 *                              created on, through the AWS provider with path-style addressing; credentials come from the
 *                              AWS credential chain of the machine that runs Pulumi
 * @param cluster               onprem only, instead of {@code endpoint}: the onprem cluster that runs the store in-cluster
 *                              (SeaweedFS by Helm chart); default for an onprem store without endpoint: the first onprem cluster
 * @param size                  in-cluster stores: the volume size, a Kubernetes quantity; default {@value #DEFAULT_SIZE}
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
        Boolean protect,
        String endpoint,
        String cluster,
        String size) {

    public static final String DEFAULT_SIZE = "100Gi";

    public ObjectStoreSpec {
        versioning = versioning == null ? Boolean.TRUE : versioning;
        expireNoncurrentDays = expireNoncurrentDays == null ? 30 : expireNoncurrentDays;
        encryption = encryption == null ? "s3-managed" : encryption;
        protect = protect == null ? Boolean.FALSE : protect;
        size = size == null && cluster != null ? DEFAULT_SIZE : size;
    }

    /** A cloud store (no on-prem settings). */
    public ObjectStoreSpec(String name, String bucketName, Target target, String region, Boolean versioning, Integer expireNoncurrentDays,
                           String encryption, String kmsKeyId, Boolean protect) {
        this(name, bucketName, target, region, versioning, expireNoncurrentDays, encryption, kmsKeyId, protect, null, null, null);
    }

    /** Whether the store runs inside an on-prem cluster (rather than on a cloud or an existing endpoint). */
    public boolean inCluster() {
        return cluster != null;
    }

    /**
     * This store with target and region filled in where absent; an onprem store with neither endpoint nor cluster
     * runs in {@code defaultCluster} (the first onprem cluster).
     */
    public ObjectStoreSpec placedIn(Target defaultTarget, String defaultRegion, String defaultCluster) {
        Target t = target == null ? defaultTarget : target;
        String c = t == Target.ONPREM && endpoint == null && cluster == null ? defaultCluster : cluster;
        return new ObjectStoreSpec(name, bucketName, t, region == null ? defaultRegion : region,
                versioning, expireNoncurrentDays, encryption, kmsKeyId, protect, endpoint, c, size);
    }
}
