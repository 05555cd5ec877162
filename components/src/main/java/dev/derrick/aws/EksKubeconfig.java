package dev.derrick.aws;

import dev.derrick.kubernetes.internal.ExecKubeconfig;

/**
 * A kubeconfig for an EKS cluster that authenticates with {@code aws eks get-token} (the AWS CLI
 * on the machine that runs Pulumi, with the credentials of the identity that created the cluster).
 * Written as JSON, which every kubeconfig reader accepts, so no value needs YAML quoting.
 */
public final class EksKubeconfig {
    private EksKubeconfig() {
    }

    /**
     * @param clusterName  the EKS cluster's name
     * @param endpoint     the API server URL
     * @param caData       base64 PEM of the cluster CA ({@code certificateAuthority.data})
     * @param region       the cluster's region, passed to {@code aws eks get-token}
     */
    public static String of(String clusterName, String endpoint, String caData, String region) {
        return ExecKubeconfig.of(clusterName, endpoint, caData, exec -> {
            exec.put("command", "aws");
            exec.putArray("args").add("eks").add("get-token").add("--cluster-name").add(clusterName).add("--region").add(region).add("--output").add("json");
        });
    }
}
