package dev.derrick.gcp;

import dev.derrick.kubernetes.internal.ExecKubeconfig;

/**
 * A kubeconfig for a GKE cluster that authenticates with {@code gke-gcloud-auth-plugin} (installed with
 * the gcloud CLI on the machine that runs Pulumi, using its application-default credentials), the
 * plugin GKE requires since Kubernetes 1.26. Written as JSON, like the EKS one.
 */
public final class GkeKubeconfig {
    private GkeKubeconfig() {
    }

    /**
     * @param name     the context's name (the GKE cluster's name)
     * @param endpoint the control plane's address (an IP or host; {@code https://} is added)
     * @param caData   base64 PEM of the cluster CA ({@code masterAuth.clusterCaCertificate})
     */
    public static String of(String name, String endpoint, String caData) {
        return ExecKubeconfig.of(name, endpoint.startsWith("https://") ? endpoint : "https://" + endpoint, caData, exec -> {
            exec.put("command", "gke-gcloud-auth-plugin");
            exec.put("provideClusterInfo", true);
            exec.put("installHint", "Install gke-gcloud-auth-plugin: gcloud components install gke-gcloud-auth-plugin");
        });
    }
}
