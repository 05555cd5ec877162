package dev.derrick.onprem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.pulumi.core.Output;

/**
 * One cluster's kubeconfig out of {@code derrick:kubeconfigs} (a map of cluster name to kubeconfig,
 * given to the program as one secret value: JSON, or YAML when the whole key was set as one secure
 * string). The result is derived inside the secret Output and stays secret; the text is never logged.
 */
public final class Kubeconfigs {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Kubeconfigs() {
    }

    public static Output<String> of(Output<String> kubeconfigs, String cluster) {
        return kubeconfigs.applyValue(text -> entry(text, cluster)).asSecret();
    }

    static String entry(String text, String cluster) {
        JsonNode node;
        try {
            node = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            // The message could quote the secret: say only where it is.
            throw new IllegalStateException("derrick:kubeconfigs is not a map of cluster name to kubeconfig");
        }
        JsonNode entry = node == null ? null : node.get(cluster);
        if (entry == null || !entry.isTextual()) {
            throw new IllegalStateException("derrick:kubeconfigs has no kubeconfig for cluster " + cluster);
        }
        return entry.asText();
    }
}
