package dev.derrick.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EksKubeconfigTest {
    @Test
    void of_whenClusterOutputsGiven_pointsAtTheEndpointWithItsCaAndAnAwsEksGetTokenExec() throws Exception {
        JsonNode k = new ObjectMapper().readTree(EksKubeconfig.of("prod-train", "https://ABC.gr7.us-east-1.eks.amazonaws.com", "Q0EtREFUQQ==", "us-east-1"));

        assertThat(k.path("current-context").asText()).isEqualTo("prod-train");
        assertThat(k.at("/clusters/0/cluster/server").asText()).isEqualTo("https://ABC.gr7.us-east-1.eks.amazonaws.com");
        assertThat(k.at("/clusters/0/cluster/certificate-authority-data").asText()).isEqualTo("Q0EtREFUQQ==");
        assertThat(k.at("/contexts/0/context/user").asText()).isEqualTo("prod-train");
        JsonNode exec = k.at("/users/0/user/exec");
        assertThat(exec.path("apiVersion").asText()).isEqualTo("client.authentication.k8s.io/v1beta1");
        assertThat(exec.path("command").asText()).isEqualTo("aws");
        var args = new ArrayList<String>();
        exec.path("args").forEach(a -> args.add(a.asText()));
        assertThat(args).isEqualTo(List.of("eks", "get-token", "--cluster-name", "prod-train", "--region", "us-east-1", "--output", "json"));
        assertThat(k.toString()).as("no static credential").doesNotContain("token\":").doesNotContain("client-key");
    }
}
