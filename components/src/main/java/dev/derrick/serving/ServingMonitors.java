package dev.derrick.serving;

import java.util.List;
import java.util.Map;

/**
 * What Derrick's Prometheus scrapes of KServe. The controller's metrics sit behind kube-rbac-proxy on the
 * {@code https} port of {@code kserve-controller-manager-metrics-service} (chart v0.20.0), which accepts a token allowed
 * to get {@code /metrics}: kube-prometheus-stack grants its Prometheus exactly that. Each model server serves its own
 * metrics on {@value GpuServingRuntime#HTTP_PORT} {@code /metrics} (the runtime's {@code prometheus.kserve.io} annotations);
 * its pods carry {@code serving.kserve.io/inferenceservice}.
 */
final class ServingMonitors {
    private ServingMonitors() {
    }

    static Map<String, Object> controller() {
        return Map.of(
                "selector", Map.of("matchLabels", Map.of("control-plane", "kserve-controller-manager", "app.kubernetes.io/name", "kserve")),
                "endpoints", List.of(Map.of("port", "https", "scheme", "https", "path", "/metrics",
                        "bearerTokenFile", "/var/run/secrets/kubernetes.io/serviceaccount/token",
                        // kube-rbac-proxy serves a self-signed certificate
                        "tlsConfig", Map.of("insecureSkipVerify", true))));
    }

    static Map<String, Object> modelServers() {
        return Map.of(
                "selector", Map.of("matchExpressions", List.of(Map.of("key", "serving.kserve.io/inferenceservice", "operator", "Exists"))),
                "podMetricsEndpoints", List.of(Map.of("portNumber", GpuServingRuntime.HTTP_PORT, "path", "/metrics")));
    }
}
