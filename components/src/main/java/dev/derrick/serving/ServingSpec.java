package dev.derrick.serving;

import java.util.List;

/**
 * {@code serving:} of a cluster: KServe in raw-deployment mode, a GPU serving runtime and the namespaces whose
 * InferenceServices pull models from one of the stack's object stores. Off unless the cluster has a {@code serving:}
 * block; a block without {@code enabled} turns it on.
 *
 * @param enabled    whether KServe is installed; default true when the block is given, false when it is absent
 * @param modelStore the {@code derrick:objectStores} entry models are pulled from, with the cluster's workload identity
 *                   (read only); required when enabled
 * @param namespaces the namespaces InferenceServices run in; each gets the ServiceAccount
 *                   {@value Serving#SERVICE_ACCOUNT} bound to the model store; default {@code [serving]}
 * @param gpuRuntime install the GPU runtime {@value GpuServingRuntime#NAME} (Hugging Face server, one GPU per replica by
 *                   default, only on GPU pools); default true
 * @param pools      the GPU pools the runtime schedules onto, by pool name; default: every GPU pool of the cluster
 */
public record ServingSpec(Boolean enabled, String modelStore, List<String> namespaces, Boolean gpuRuntime, List<String> pools) {
    /** A cluster without a {@code serving:} block. */
    public static final ServingSpec OFF = new ServingSpec(false, null, List.of(), false, List.of());
    public static final String DEFAULT_NAMESPACE = "serving";

    public ServingSpec {
        enabled = enabled == null ? Boolean.TRUE : enabled;
        namespaces = namespaces == null || namespaces.isEmpty() ? (enabled ? List.of(DEFAULT_NAMESPACE) : List.of()) : List.copyOf(namespaces);
        gpuRuntime = gpuRuntime == null ? Boolean.TRUE : gpuRuntime;
        pools = pools == null ? List.of() : List.copyOf(pools);
    }
}
