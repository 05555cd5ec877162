package dev.derrick.gcp;

import com.pulumi.resources.ComponentResourceOptions;
import dev.derrick.config.RegistrySpec;
import dev.derrick.config.Target;
import dev.derrick.plan.Plan;
import dev.derrick.plan.PlannedResource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.derrick.plan.ComponentPlans.plan;
import static dev.derrick.plan.ComponentPlans.resource;
import static org.assertj.core.api.Assertions.assertThat;

/** ArtifactRegistry's inputs, planned offline. */
class ArtifactRegistryTest {
    private static ProjectApis apis() {
        return new ProjectApis("p-123456", region -> null);
    }

    @Test
    void apis_whenScanOnPush_enablesArtifactRegistryWhichTheRepositoryWaitsForAndContainerScanning() {
        var spec = new RegistrySpec("ml-training", Target.GCP, "us-central1", true, null, null, null, null);
        Plan plan = plan(ctx -> new ArtifactRegistry("ml-training", spec, "p-123456", Map.of(), apis(), ComponentResourceOptions.Empty));

        assertThat(plan.ofType(ProjectApisTest.SERVICE)).as("APIs enabled").extracting(r -> r.inputs().get("service"))
                .containsExactlyInAnyOrder("artifactregistry.googleapis.com", "containerscanning.googleapis.com");
        assertThat(resource(plan, "gcp:artifactregistry/repository:Repository", "ml-training").dependencies()).as("repository")
                .containsExactly(ProjectApisTest.serviceUrn("gcp-api-artifactregistry"));
    }

    @Test
    void apis_whenNoScanOnPush_enableArtifactRegistryButNotContainerScanning() {
        var spec = new RegistrySpec("ml-dev", Target.GCP, "us-central1", false, null, null, null, null);
        Plan plan = plan(ctx -> new ArtifactRegistry("ml-dev", spec, "p-123456", Map.of(), apis(), ComponentResourceOptions.Empty));

        assertThat(plan.ofType(ProjectApisTest.SERVICE)).as("APIs enabled").extracting(r -> r.inputs().get("service"))
                .containsExactly("artifactregistry.googleapis.com");
    }

    @Test
    void repository_whenPlanned_isDockerWithImmutableTagsAndCleanupPolicies() {
        var spec = new RegistrySpec("ml-training", Target.GCP, "us-central1", null, null, 14, 200, true);
        Plan plan = plan(ctx -> new ArtifactRegistry("ml-training", spec, "p-123456", Map.of("team", "ml"), apis(), ComponentResourceOptions.Empty));
        PlannedResource repo = resource(plan, "gcp:artifactregistry/repository:Repository", "ml-training");

        assertThat(repo.inputs()).as("repository").containsEntry("repositoryId", "ml-training").containsEntry("format", "DOCKER")
                .containsEntry("location", "us-central1").containsEntry("cleanupPolicyDryRun", false).containsEntry("labels", Map.of("team", "ml"));
        assertThat(Plan.get(repo.inputs(), "dockerConfig.immutableTags")).as("immutable tags").isEqualTo(true);
        assertThat(Plan.get(repo.inputs(), "cleanupPolicies")).as("cleanup policies").isEqualTo(List.of(
                Map.of("id", "delete-untagged", "action", "DELETE", "condition", Map.of("tagState", "UNTAGGED", "olderThan", "1209600s")),
                Map.of("id", "keep-newest", "action", "KEEP", "mostRecentVersions", Map.of("keepCount", 200L)),
                Map.of("id", "delete-beyond-newest", "action", "DELETE", "condition", Map.of("tagState", "ANY"))));
        assertThat(repo.protect()).as("protected").isTrue();
    }

    @Test
    void repository_whenMutableTags_saysSo() {
        var spec = new RegistrySpec("ml-dev", Target.GCP, "us-central1", null, false, null, null, null);
        Plan plan = plan(ctx -> new ArtifactRegistry("ml-dev", spec, "p-123456", Map.of(), apis(), ComponentResourceOptions.Empty));

        assertThat(Plan.get(resource(plan, "gcp:artifactregistry/repository:Repository", "ml-dev").inputs(), "dockerConfig.immutableTags"))
                .as("immutable tags").isEqualTo(false);
    }
}
