package dev.derrick.serving;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The storage initializer KServe runs before each model server to pull the model ({@code ClusterStorageContainer}
 * {@value #NAME}). It is the chart's own default (files/common/storagecontainer.yaml and its patch at v0.20.0: image,
 * resources, security context, URI formats) plus the model store's plain settings as environment (region, endpoint,
 * account): with EKS Pod Identity and AKS workload identity KServe's controller adds no storage variables of its own
 * (it only reads the IRSA annotation and Secrets), and the cloud's webhook supplies the credentials themselves.
 * KServe merges this container into the init container it injects (storage_initializer_injector.go,
 * MergeContainerWithPatch).
 */
final class StorageContainer {
    static final String NAME = "default";
    /** The URI prefixes and patterns of the chart's default storage container at v0.20.0. */
    static final List<Map<String, String>> FORMATS = List.of(Map.of("prefix", "gs://"), Map.of("prefix", "s3://"), Map.of("prefix", "hdfs://"),
            Map.of("prefix", "hf://"), Map.of("prefix", "webhdfs://"), Map.of("regex", "https://(.+?).blob.core.windows.net/(.+)"),
            Map.of("regex", "https://(.+?).file.core.windows.net/(.+)"), Map.of("regex", "https?://(.+)/(.+)"));

    private StorageContainer() {
    }

    /**
     * The identity's variables, plus the names KServe's storage initializer reads instead (kserve_storage.py at
     * v0.20.0: {@code AWS_DEFAULT_REGION} for the region, {@code AWS_ENDPOINT_URL} for the endpoint, both passed to
     * boto3 explicitly).
     */
    static Map<String, String> kserveEnvironment(Map<String, String> identity) {
        var out = new java.util.TreeMap<>(identity);
        if (identity.containsKey("AWS_REGION")) {
            out.putIfAbsent("AWS_DEFAULT_REGION", identity.get("AWS_REGION"));
        }
        if (identity.containsKey("AWS_ENDPOINT_URL_S3")) {
            out.putIfAbsent("AWS_ENDPOINT_URL", identity.get("AWS_ENDPOINT_URL_S3"));
        }
        return out;
    }

    static Map<String, Object> spec(Map<String, String> identityEnvironment) {
        Map<String, String> storeEnvironment = kserveEnvironment(identityEnvironment);
        var container = new LinkedHashMap<String, Object>();
        container.put("name", "storage-initializer");
        container.put("image", Serving.STORAGE_INITIALIZER_IMAGE);
        container.put("imagePullPolicy", "IfNotPresent");
        container.put("resources", Map.of("requests", Map.of("cpu", "100m", "memory", "100Mi"), "limits", Map.of("cpu", "1", "memory", "1Gi")));
        container.put("securityContext", Map.of("allowPrivilegeEscalation", false, "privileged", false, "runAsNonRoot", true,
                "capabilities", Map.of("drop", List.of("ALL"))));
        if (!storeEnvironment.isEmpty()) {
            container.put("env", Serving.env(storeEnvironment));
        }
        var spec = new LinkedHashMap<String, Object>();
        spec.put("container", container);
        spec.put("supportedUriFormats", FORMATS);
        spec.put("supportsMultiModelDownload", true);
        spec.put("workloadType", "initContainer");
        return spec;
    }
}
