package dev.derrick.config;

/**
 * A container registry (repository) for training and serving images.
 *
 * @param name               unique; aws: the ECR repository name (lowercase, digits, {@code . _ - /});
 *                           gcp: the Artifact Registry repository id (lowercase, digits, {@code -});
 *                           azure: the ACR registry's logical name (letters and digits; Pulumi adds a random suffix)
 * @param target             default: the first cluster's target
 * @param region             default: the first cluster's region, else {@code derrick:region}
 * @param scanOnPush         default true (aws: ECR basic scanning on push; gcp: Artifact Analysis container scanning,
 *                           a project-wide API; azure: Defender for Containers is subscription-wide, Derrick sets nothing)
 * @param immutableTags      default true (a tag cannot be pushed twice; azure has no registry-wide setting)
 * @param untaggedExpireDays untagged images are deleted after this many days; default 14 (azure: the retention policy)
 * @param keepLastImages     keep at most this many images; default 200 (aws, gcp; azure has no such policy)
 * @param protect            Pulumi {@code protect}; default false
 */
public record RegistrySpec(
        String name,
        Target target,
        String region,
        Boolean scanOnPush,
        Boolean immutableTags,
        Integer untaggedExpireDays,
        Integer keepLastImages,
        Boolean protect) {

    public RegistrySpec {
        scanOnPush = scanOnPush == null ? Boolean.TRUE : scanOnPush;
        immutableTags = immutableTags == null ? Boolean.TRUE : immutableTags;
        untaggedExpireDays = untaggedExpireDays == null ? 14 : untaggedExpireDays;
        keepLastImages = keepLastImages == null ? 200 : keepLastImages;
        protect = protect == null ? Boolean.FALSE : protect;
    }

    /** This registry with target and region filled in where absent. */
    public RegistrySpec placedIn(Target defaultTarget, String defaultRegion) {
        return new RegistrySpec(name, target == null ? defaultTarget : target, region == null ? defaultRegion : region,
                scanOnPush, immutableTags, untaggedExpireDays, keepLastImages, protect);
    }
}
