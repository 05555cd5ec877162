package dev.derrick.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A kubeconfig for an EKS cluster that authenticates with {@code aws eks get-token} (the AWS CLI
 * on the machine that runs Pulumi, with the credentials of the identity that created the cluster).
 * Written as JSON, which every kubeconfig reader accepts, so no value needs YAML quoting.
 */
public final class EksKubeconfig {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EksKubeconfig() {
    }

    /**
     * @param clusterName  the EKS cluster's name
     * @param endpoint     the API server URL
     * @param caData       base64 PEM of the cluster CA ({@code certificateAuthority.data})
     * @param region       the cluster's region, passed to {@code aws eks get-token}
     */
    public static String of(String clusterName, String endpoint, String caData, String region) {
        ObjectNode root = JSON.createObjectNode();
        root.put("apiVersion", "v1");
        root.put("kind", "Config");
        ObjectNode cluster = root.putArray("clusters").addObject();
        cluster.put("name", clusterName);
        cluster.putObject("cluster").put("server", endpoint).put("certificate-authority-data", caData);
        ObjectNode context = root.putArray("contexts").addObject();
        context.put("name", clusterName);
        context.putObject("context").put("cluster", clusterName).put("user", clusterName);
        root.put("current-context", clusterName);
        ObjectNode user = root.putArray("users").addObject();
        user.put("name", clusterName);
        ObjectNode exec = user.putObject("user").putObject("exec");
        exec.put("apiVersion", "client.authentication.k8s.io/v1beta1");
        exec.put("command", "aws");
        exec.putArray("args").add("eks").add("get-token").add("--cluster-name").add(clusterName).add("--region").add(region).add("--output").add("json");
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
