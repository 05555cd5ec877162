package dev.derrick.serving;

import dev.derrick.config.ClusterSpec;
import dev.derrick.config.NodePoolSpec;
import dev.derrick.kubernetes.MonitoringStack;
import dev.derrick.kubernetes.NodeShape;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The cluster's GPU serving runtime: a {@code ClusterServingRuntime} running KServe's Hugging Face model server, one
 * GPU per replica by default (an InferenceService may ask for more), scheduled only onto the serving GPU pools. Its
 * node affinity and tolerations come from what each pool really puts on its nodes ({@link NodeShape}, the same answer
 * Kueue's flavors read): the pool label, and every taint (the GPU taint, GKE's {@code present}, AKS's spot taint).
 */
public final class GpuServingRuntime {
    public static final String NAME = "derrick-huggingface-gpu";
    /**
     * kserve/huggingfaceserver at tag v0.20.0-gpu: the GPU (vLLM) build that kserve's
     * .github/workflows/huggingface-docker-publish.yml at v0.20.0 pushes for a v* tag (VERSION = tag + "-gpu"); the
     * same release as the controller ({@link dev.derrick.charts.Charts#KSERVE}).
     */
    public static final String IMAGE = "kserve/huggingfaceserver:v0.20.0-gpu";
    /** The resource name of a GPU as the device plugin advertises it. */
    public static final String GPU_RESOURCE = "nvidia.com/gpu";
    /** Where the Hugging Face server serves HTTP and its Prometheus metrics (the runtime's {@code prometheus.kserve.io/port}). */
    public static final int HTTP_PORT = 8080;

    private GpuServingRuntime() {
    }

    /** The serving pools: those {@code serving.pools} names, else every GPU pool, in pool order. */
    public static List<NodePoolSpec> pools(ClusterSpec c) {
        List<String> named = c.serving().pools();
        return c.gpuPools().stream().filter(p -> named.isEmpty() || named.contains(p.name())).toList();
    }

    /**
     * The runtime's spec.
     *
     * @param shapes what each pool renders on its nodes ({@code InClusterLayer.nodeShapeOf})
     */
    public static Map<String, Object> spec(ClusterSpec c, Function<NodePoolSpec, NodeShape> shapes) {
        var poolLabels = new LinkedHashSet<String>();
        var tolerations = new LinkedHashSet<Map<String, String>>();
        for (NodePoolSpec pool : pools(c)) {
            NodeShape shape = shapes.apply(pool);
            String label = shape.labels().get(MonitoringStack.POOL_NODE_LABEL);
            if (label == null) {
                throw new IllegalStateException("pool " + pool.name() + " renders no " + MonitoringStack.POOL_NODE_LABEL + " label: the runtime could not select it");
            }
            poolLabels.add(label);
            tolerations.addAll(shape.tolerations());
        }
        if (poolLabels.isEmpty()) {
            throw new IllegalStateException("cluster " + c.name() + " has no serving GPU pool; ServingRules let it through");
        }
        var container = new LinkedHashMap<String, Object>();
        container.put("name", "kserve-container");
        container.put("image", IMAGE);
        container.put("args", List.of("--model_name={{.Name}}"));
        // Defaults an InferenceService overrides: small enough for the smallest one-GPU node (g6.xlarge: 4 vCPUs, 16 GiB).
        container.put("resources", Map.of(
                "requests", new TreeMap<>(Map.of("cpu", "2", "memory", "8Gi", GPU_RESOURCE, "1")),
                "limits", new TreeMap<>(Map.of("cpu", "4", "memory", "16Gi", GPU_RESOURCE, "1"))));
        container.put("securityContext", Map.of("allowPrivilegeEscalation", false, "privileged", false, "runAsNonRoot", true,
                "capabilities", Map.of("drop", List.of("ALL"))));
        container.put("volumeMounts", List.of(Map.of("name", "devshm", "mountPath", "/dev/shm")));
        var spec = new LinkedHashMap<String, Object>();
        // As KServe's own kserve-huggingfaceserver runtime at v0.20.0 (charts/kserve-runtime-configs): metrics
        // annotations, formats, protocols, a memory-backed /dev/shm.
        spec.put("annotations", Map.of("prometheus.kserve.io/path", "/metrics", "prometheus.kserve.io/port", String.valueOf(HTTP_PORT)));
        spec.put("supportedModelFormats", List.of(Map.of("name", "huggingface", "version", "1", "autoSelect", true, "priority", 1)));
        spec.put("protocolVersions", List.of("v2", "v1"));
        spec.put("containers", List.of(container));
        spec.put("volumes", List.of(Map.of("name", "devshm", "emptyDir", Map.of("medium", "Memory"))));
        spec.put("affinity", Map.of("nodeAffinity", Map.of("requiredDuringSchedulingIgnoredDuringExecution", Map.of("nodeSelectorTerms",
                List.of(Map.of("matchExpressions", List.of(Map.of("key", MonitoringStack.POOL_NODE_LABEL, "operator", "In",
                        "values", new ArrayList<>(poolLabels)))))))));
        spec.put("tolerations", new ArrayList<>(tolerations));
        return spec;
    }
}
