package dev.derrick.onprem;

import dev.derrick.charts.ChartSource;
import dev.derrick.charts.Charts;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.core.v1.Secret;
import com.pulumi.kubernetes.core.v1.SecretArgs;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.derrick.config.ObjectStoreSpec;
import dev.derrick.kubernetes.internal.RandomSecret;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The in-cluster object stores of one on-prem cluster: one SeaweedFS (Apache-2.0) by Helm chart, its
 * S3 gateway on the filer with authentication on, one bucket per store (created by the chart's
 * {@code filer.s3.createBuckets} hook), volume data encrypted ({@code filer.encryptVolumeData}). The S3
 * access key is generated once into a Secret (never into Helm values) and exported as a secret output.
 *
 * <p>Why SeaweedFS: MinIO's community chart is deprecated and MinIO stopped publishing community
 * images in 2025, and MinIO is AGPL-3.0; SeaweedFS is Apache-2.0 with a first-party chart. Its chart
 * releases lag its server releases (seaweedfs/seaweedfs#7275, #7327), so the chart is pinned and the
 * server image pinned past CVE-2026-73080 (unauthenticated SSRF, fixed in 4.24).
 *
 * <p>Children ({@code <name>-<role>}): {@code namespace}, {@code s3-config} (Secret), {@code release}.
 */
public final class InClusterObjectStore extends ComponentResource {
    public static final String TYPE = "derrick:onprem:InClusterObjectStore";
    public static final String NAMESPACE = "object-store";
    /**
     * seaweedfs chart 4.44.0 ({@link Charts#SEAWEEDFS}), with its own server image (app 4.44, past CVE-2026-73080,
     * fixed in 4.24). From chart 4.x on its bucket Job is a {@code post-install,post-upgrade} hook: a store added to a
     * running cluster gets its bucket on the next {@code pulumi up} (the 4.0.393 chart created buckets on install only).
     */
    public static final String CHART = Charts.SEAWEEDFS.name();
    public static final String CHART_VERSION = Charts.SEAWEEDFS.version();
    /** The Secret key the chart reads the S3 identities from ({@code filer.s3.existingConfigSecret}). */
    static final String S3_CONFIG_KEY = "seaweedfs_s3_config";
    static final String S3_CONFIG_SECRET = "derrick-s3-config";
    /** Filer metadata and master state: small next to the volume data. */
    static final String METADATA_SIZE = "10Gi";
    public static final int S3_PORT = 8333;

    /** The S3 endpoint inside the cluster. */
    public final String endpoint;
    public final Output<String> accessKeyId;
    public final Output<String> secretAccessKey;

    /**
     * @param stores the cluster's in-cluster stores; the volume is the largest of their sizes
     */
    public InClusterObjectStore(String name, List<ObjectStoreSpec> stores, List<? extends Resource> clusterReady,
                                ComponentResourceOptions options) {
        this(name, stores, clusterReady, ChartSource.UPSTREAM, null, options);
    }

    /** @param storageClass the cluster's {@code storageClass}; null: the cluster's default */
    public InClusterObjectStore(String name, List<ObjectStoreSpec> stores, List<? extends Resource> clusterReady, ChartSource charts,
                                String storageClass, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var child = CustomResourceOptions.builder().parent(this).dependsOn(List.copyOf(clusterReady)).build();
        var ns = new Namespace(name + "-namespace", NamespaceArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(NAMESPACE).labels(Map.of("app.kubernetes.io/managed-by", "derrick")).build())
                .build(), child);

        Output<String> keyId = Output.ofSecret(RandomSecret.of(20));
        Output<String> secretKey = Output.ofSecret(RandomSecret.of(40));
        var config = new Secret(name + "-s3-config", SecretArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(S3_CONFIG_SECRET).namespace(NAMESPACE).build())
                .type("Opaque")
                .stringData(Output.tuple(keyId, secretKey).applyValue(t -> Map.of(S3_CONFIG_KEY, identities(t.t1, t.t2),
                        "accessKeyId", t.t1, "secretAccessKey", t.t2)))
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(ns)
                // Generated once: later runs must not rotate the keys under running jobs.
                .ignoreChanges("stringData", "data") /* the provider folds stringData into data: ignore both, else every run replaces it (found by the real-engine tier) */.build());

        new Release(name + "-release", ReleaseArgs.builder()
                .name("seaweedfs")
                .namespace(NAMESPACE)
                .chart(CHART)
                .version(CHART_VERSION)
                .repositoryOpts(charts.repositoryOpts(Charts.SEAWEEDFS))
                .timeout(900)
                .values(values(stores, storageClass))
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(List.of(ns, config)).build());

        this.endpoint = "http://seaweedfs-filer-client." + NAMESPACE + ".svc:" + S3_PORT;
        // The keys are random on every run; the Secret keeps the first pair (ignoreChanges), so the outputs
        // read them back from the cluster's copy instead of exporting this run's new values.
        this.accessKeyId = dev.derrick.kubernetes.StoredSecret.value(config, "accessKeyId");
        this.secretAccessKey = dev.derrick.kubernetes.StoredSecret.value(config, "secretAccessKey");
        registerOutputs(Map.of("accessKeyId", accessKeyId, "secretAccessKey", secretAccessKey));
    }

    /** The bucket each store gets: its bucketName, else its name (no random suffix: the chart creates it by name). */
    public static String bucket(ObjectStoreSpec store) {
        return store.bucketName() != null ? store.bucketName() : store.name();
    }

    static String identities(String accessKey, String secretKey) {
        var identity = new LinkedHashMap<String, Object>();
        identity.put("name", "derrick");
        identity.put("credentials", List.of(Map.of("accessKey", accessKey, "secretKey", secretKey)));
        identity.put("actions", List.of("Admin", "Read", "List", "Tagging", "Write"));
        try {
            return new ObjectMapper().enable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).writeValueAsString(Map.of("identities", List.of(identity)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Chart values: one replica each, data on volume claims, the filer's S3 gateway with auth, the stores' buckets, encrypted volume data. */
    static Map<String, Object> values(List<ObjectStoreSpec> stores) {
        return values(stores, null);
    }

    /** @param storageClass the cluster's {@code storageClass} for every claim; null: the cluster's default */
    static Map<String, Object> values(List<ObjectStoreSpec> stores, String storageClass) {
        String size = stores.stream().map(ObjectStoreSpec::size).max(java.util.Comparator.comparingLong(InClusterObjectStore::bytes))
                .orElse(ObjectStoreSpec.DEFAULT_SIZE);
        var buckets = new ArrayList<Map<String, Object>>();
        stores.forEach(s -> buckets.add(new LinkedHashMap<>(Map.of("name", bucket(s), "anonymousRead", false))));
        var values = new TreeMap<String, Object>();
        values.put("master", Map.of("replicas", 1,
                "data", claim(METADATA_SIZE, storageClass), "logs", Map.of("type", "emptyDir")));
        var dataDir = new TreeMap<String, Object>(claim(size, storageClass));
        dataDir.put("name", "data1");
        dataDir.put("maxVolumes", 0);
        values.put("volume", Map.of("replicas", 1, "dataDirs", List.of(dataDir)));
        values.put("filer", Map.of("replicas", 1,
                "data", claim(METADATA_SIZE, storageClass), "logs", Map.of("type", "emptyDir"),
                "encryptVolumeData", true,
                "s3", Map.of("enabled", true, "port", S3_PORT, "enableAuth", true, "existingConfigSecret", S3_CONFIG_SECRET,
                        "createBuckets", buckets)));
        return values;
    }

    /** A SeaweedFS volume on a claim of {@code size}, in {@code storageClass} when one is given. */
    private static Map<String, Object> claim(String size, String storageClass) {
        var out = new TreeMap<String, Object>(Map.of("type", "persistentVolumeClaim", "size", size));
        if (storageClass != null) {
            out.put("storageClass", storageClass);
        }
        return out;
    }

    /** Bytes in a Kubernetes quantity with a binary or decimal unit (validated before). */
    static long bytes(String quantity) {
        var m = java.util.regex.Pattern.compile("(\\d+)(Ki|Mi|Gi|Ti|k|M|G|T)").matcher(quantity);
        if (!m.matches()) {
            return 0;
        }
        long n = Long.parseLong(m.group(1));
        return n * switch (m.group(2)) {
            case "Ki" -> 1L << 10;
            case "Mi" -> 1L << 20;
            case "Gi" -> 1L << 30;
            case "Ti" -> 1L << 40;
            case "k" -> 1_000L;
            case "M" -> 1_000_000L;
            case "G" -> 1_000_000_000L;
            default -> 1_000_000_000_000L;
        };
    }
}
