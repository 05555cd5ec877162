package dev.derrick.gcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A kubeconfig for a GKE cluster that authenticates with {@code gke-gcloud-auth-plugin} (installed with
 * the gcloud CLI on the machine that runs Pulumi, using its application-default credentials), the
 * plugin GKE requires since Kubernetes 1.26. Written as JSON, like the EKS one.
 */
public final class GkeKubeconfig {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GkeKubeconfig() {
    }

    /**
     * @param name     the context's name (the GKE cluster's name)
     * @param endpoint the control plane's address (an IP or host; {@code https://} is added)
     * @param caData   base64 PEM of the cluster CA ({@code masterAuth.clusterCaCertificate})
     */
    public static String of(String name, String endpoint, String caData) {
        ObjectNode root = JSON.createObjectNode();
        root.put("apiVersion", "v1");
        root.put("kind", "Config");
        ObjectNode cluster = root.putArray("clusters").addObject();
        cluster.put("name", name);
        cluster.putObject("cluster").put("server", endpoint.startsWith("https://") ? endpoint : "https://" + endpoint)
                .put("certificate-authority-data", caData);
        ObjectNode context = root.putArray("contexts").addObject();
        context.put("name", name);
        context.putObject("context").put("cluster", name).put("user", name);
        root.put("current-context", name);
        ObjectNode user = root.putArray("users").addObject();
        user.put("name", name);
        ObjectNode exec = user.putObject("user").putObject("exec");
        exec.put("apiVersion", "client.authentication.k8s.io/v1beta1");
        exec.put("command", "gke-gcloud-auth-plugin");
        exec.put("provideClusterInfo", true);
        exec.put("installHint", "Install gke-gcloud-auth-plugin: gcloud components install gke-gcloud-auth-plugin");
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
