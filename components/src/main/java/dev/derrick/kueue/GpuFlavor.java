package dev.derrick.kueue;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The Kueue ResourceFlavor of one GPU pool.
 *
 * @param name        the flavor's name: the pool's name
 * @param gpus        what the pool advertises as {@code nvidia.com/gpu}
 * @param nodeLabels  labels Kueue adds to an admitted pod's node selector: the pool's own {@code derrick.dev/pool} and
 *                    {@code derrick.dev/accelerator} labels, as the pool renders them on its nodes
 * @param tolerations one per taint the pool's nodes carry, matching key, value and effect as rendered
 */
public record GpuFlavor(String name, PoolGpus gpus, SortedMap<String, String> nodeLabels, List<Map<String, String>> tolerations) {
    /** The ResourceFlavor's spec (kueue.x-k8s.io/v1beta2). */
    public Map<String, Object> spec() {
        return Map.of("nodeLabels", nodeLabels, "tolerations", tolerations);
    }
}
