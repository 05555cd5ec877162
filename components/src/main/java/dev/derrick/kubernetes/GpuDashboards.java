package dev.derrick.kubernetes;

import dev.derrick.kubernetes.internal.Bundled;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Derrick's GPU dashboards as code: Grafana dashboard JSON bundled under
 * {@code dev/derrick/kubernetes/dashboards}, provisioned by Grafana's dashboard sidecar from
 * ConfigMaps labelled {@value #SIDECAR_LABEL}={@value #SIDECAR_LABEL_VALUE}.
 */
public final class GpuDashboards {
    /** Dashboard ids (file names without {@code .json}): per pool, and per node and GPU. */
    public static final List<String> IDS = List.of("gpu-pools", "gpu-nodes");
    public static final String SIDECAR_LABEL = "grafana_dashboard";
    public static final String SIDECAR_LABEL_VALUE = "1";

    private GpuDashboards() {
    }

    /** Dashboard id to its JSON, in {@link #IDS} order. */
    public static Map<String, String> all() {
        var out = new LinkedHashMap<String, String>();
        IDS.forEach(id -> out.put(id, Bundled.text("dashboards/" + id + ".json")));
        return out;
    }
}
