package dev.derrick.kubernetes.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.function.Consumer;

/**
 * A one-cluster kubeconfig whose user authenticates with an exec credential plugin (the cloud's CLI
 * on the machine that runs Pulumi). Written as JSON, which every kubeconfig reader accepts, so no
 * value needs YAML quoting.
 */
public final class ExecKubeconfig {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ExecKubeconfig() {
    }

    /**
     * @param name   the cluster, context and user name
     * @param server the API server URL
     * @param caData base64 PEM of the cluster CA
     * @param exec   fills in the {@code exec} section after {@code apiVersion} (command, args, ...)
     */
    public static String of(String name, String server, String caData, Consumer<ObjectNode> exec) {
        ObjectNode root = JSON.createObjectNode();
        root.put("apiVersion", "v1");
        root.put("kind", "Config");
        ObjectNode cluster = root.putArray("clusters").addObject();
        cluster.put("name", name);
        cluster.putObject("cluster").put("server", server).put("certificate-authority-data", caData);
        ObjectNode context = root.putArray("contexts").addObject();
        context.put("name", name);
        context.putObject("context").put("cluster", name).put("user", name);
        root.put("current-context", name);
        ObjectNode user = root.putArray("users").addObject();
        user.put("name", name);
        ObjectNode node = user.putObject("user").putObject("exec");
        node.put("apiVersion", "client.authentication.k8s.io/v1beta1");
        exec.accept(node);
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
