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
 * @param url                onprem only: an existing OCI registry repository, registered by URL
 *                           ({@code registry.lab.example:5000/ml/models}); Derrick creates nothing for it
 * @param cluster            onprem only, instead of {@code url}: the onprem cluster that runs the registry in-cluster
 *                           (zot by Helm chart; one registry per cluster, each name a repository in it); default for an
 *                           onprem registry without url: the first onprem cluster
 * @param size               in-cluster registries: the storage volume of the cluster's registry, a Kubernetes quantity;
 *                           default {@value #DEFAULT_SIZE} (the largest size of the cluster's registries is used)
 */
public record RegistrySpec(
        String name,
        Target target,
        String region,
        Boolean scanOnPush,
        Boolean immutableTags,
        Integer untaggedExpireDays,
        Integer keepLastImages,
        Boolean protect,
        String url,
        String cluster,
        String size) {

    public static final String DEFAULT_SIZE = "50Gi";

    public RegistrySpec {
        scanOnPush = scanOnPush == null ? Boolean.TRUE : scanOnPush;
        immutableTags = immutableTags == null ? Boolean.TRUE : immutableTags;
        untaggedExpireDays = untaggedExpireDays == null ? 14 : untaggedExpireDays;
        keepLastImages = keepLastImages == null ? 200 : keepLastImages;
        protect = protect == null ? Boolean.FALSE : protect;
        size = size == null && cluster != null ? DEFAULT_SIZE : size;
    }

    /** A cloud registry (no on-prem settings). */
    public RegistrySpec(String name, Target target, String region, Boolean scanOnPush, Boolean immutableTags, Integer untaggedExpireDays,
                        Integer keepLastImages, Boolean protect) {
        this(name, target, region, scanOnPush, immutableTags, untaggedExpireDays, keepLastImages, protect, null, null, null);
    }

    /** Whether the registry runs inside an on-prem cluster. */
    public boolean inCluster() {
        return cluster != null;
    }

    /**
     * This registry with target and region filled in where absent; an onprem registry with neither url nor cluster
     * runs in {@code defaultCluster} (the first onprem cluster).
     */
    public RegistrySpec placedIn(Target defaultTarget, String defaultRegion, String defaultCluster) {
        Target t = target == null ? defaultTarget : target;
        String c = t == Target.ONPREM && url == null && cluster == null ? defaultCluster : cluster;
        return new RegistrySpec(name, t, region == null ? defaultRegion : region,
                scanOnPush, immutableTags, untaggedExpireDays, keepLastImages, protect, url, c, size);
    }
}
