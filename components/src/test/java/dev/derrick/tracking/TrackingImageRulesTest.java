package dev.derrick.tracking;

import dev.derrick.config.ClusterSpec;
import dev.derrick.config.ObjectStoreSpec;
import dev.derrick.config.Target;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tracking.image}: required on Azure (the default image cannot use workload identity there), checked everywhere. */
class TrackingImageRulesTest {
    private static List<String> problems(Target target, String image) {
        var tracking = new TrackingSpec(true, "models", null, null, null, null, null, null, null, null, image);
        var cluster = new ClusterSpec("ml", target, "eastus", null, List.of(), null, List.of(), null, null, null, List.of(), null, null,
                null, null, null, tracking, null);
        var store = new ObjectStoreSpec("models", null, target, "eastus", null, null, null, null, null);
        var out = new ArrayList<String>();
        TrackingRules.check(cluster, "derrick:clusters[0]", List.of(store), (path, problem, value, hint) -> out.add(path + ": " + problem + " | " + value + " | " + hint));
        return out;
    }

    @Test
    void azureWithoutImage_isRefusedWithTheDockerfileAsFix() {
        assertThat(problems(Target.AZURE, null)).singleElement().asString()
                .startsWith("derrick:clusters[0].tracking.image: required on azure").contains("azure-identity").contains("docs/tracking/Dockerfile.azure");
        assertThat(problems(Target.AZURE, "mlregistry.azurecr.io/mlflow:3.15.1-azure")).isEmpty();
        assertThat(problems(Target.AWS, null)).isEmpty();
    }

    @Test
    void badImageReference_isRefused_andTheManifestUsesTheGivenImage() {
        assertThat(problems(Target.AWS, "my image:latest")).singleElement().asString().contains("not a container image reference");
        assertThat(problems(Target.AWS, "registry.example:5000/ml/mlflow:3.15.1-azure")).isEmpty();
        assertThat(new TrackingSpec(true, "models", null, null, null, null, null, null, null, null, "r.example/mlflow:1").serverImage())
                .isEqualTo("r.example/mlflow:1");
        assertThat(TrackingSpec.OFF.serverImage()).isEqualTo(TrackingManifests.IMAGE);
    }
}
