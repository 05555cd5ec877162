package dev.derrick.gcp;

import com.pulumi.core.Output;
import com.pulumi.gcp.artifactregistry.Repository;
import com.pulumi.gcp.artifactregistry.RepositoryArgs;
import com.pulumi.gcp.artifactregistry.inputs.RepositoryCleanupPolicyArgs;
import com.pulumi.gcp.artifactregistry.inputs.RepositoryCleanupPolicyConditionArgs;
import com.pulumi.gcp.artifactregistry.inputs.RepositoryCleanupPolicyMostRecentVersionsArgs;
import com.pulumi.gcp.artifactregistry.inputs.RepositoryDockerConfigArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.derrick.config.RegistrySpec;

import java.util.List;
import java.util.Map;

/**
 * An Artifact Registry Docker repository (id = the registry's name) in the registry's region:
 * immutable tags, and cleanup policies that mirror the ECR lifecycle: delete untagged images
 * after {@code untaggedExpireDays}, keep the newest {@code keepLastImages}, delete the rest.
 * Artifact Registry runs DELETE policies except where a KEEP policy matches, so the cap needs
 * both. Unlike ECR's cap per repository, {@code mostRecentVersions} counts per image (package).
 * Cleanup runs for real ({@code cleanupPolicyDryRun: false}).
 *
 * <p>The repository depends on the Artifact Registry API's Service, enabled once per project
 * ({@link ProjectApis}). Scan on push is not a repository setting in pulumi-gcp 7: Artifact
 * Analysis scans every Docker repository of a project once {@code containerscanning.googleapis.com}
 * is enabled, which a registry with {@code scanOnPush} does, once per project too.
 */
public final class ArtifactRegistry extends ComponentResource {
    public static final String TYPE = "derrick:gcp:ArtifactRegistry";

    public final Output<String> repositoryUrl;

    /** @param apis the project's APIs: enables Artifact Registry, and container scanning with {@code scanOnPush} */
    public ArtifactRegistry(String name, RegistrySpec spec, String project, Map<String, String> labels, ProjectApis apis,
                            ComponentResourceOptions options) {
        super(TYPE, name, options);
        if (spec.scanOnPush()) {
            apis.enable(ProjectApis.CONTAINER_SCANNING, spec.region());
        }
        var repo = new Repository(name, RepositoryArgs.builder()
                .project(project)
                .location(spec.region())
                .repositoryId(spec.name())
                .format("DOCKER")
                .description("Training and serving images (managed by Derrick)")
                .dockerConfig(RepositoryDockerConfigArgs.builder().immutableTags(spec.immutableTags()).build())
                .cleanupPolicyDryRun(false)
                .cleanupPolicies(cleanupPolicies(spec))
                .labels(labels)
                .build(), CustomResourceOptions.builder().parent(this).protect(spec.protect())
                .dependsOn(apis.enable(ProjectApis.ARTIFACT_REGISTRY, spec.region())).build());
        this.repositoryUrl = Output.format("%s-docker.pkg.dev/%s/%s", spec.region(), project, repo.repositoryId());
        registerOutputs(Map.of("repositoryUrl", repositoryUrl));
    }

    static List<RepositoryCleanupPolicyArgs> cleanupPolicies(RegistrySpec spec) {
        return List.of(
                RepositoryCleanupPolicyArgs.builder()
                        .id("delete-untagged")
                        .action("DELETE")
                        .condition(RepositoryCleanupPolicyConditionArgs.builder()
                                .tagState("UNTAGGED")
                                .olderThan(spec.untaggedExpireDays() * 86400 + "s")
                                .build())
                        .build(),
                RepositoryCleanupPolicyArgs.builder()
                        .id("keep-newest")
                        .action("KEEP")
                        .mostRecentVersions(RepositoryCleanupPolicyMostRecentVersionsArgs.builder().keepCount(spec.keepLastImages()).build())
                        .build(),
                RepositoryCleanupPolicyArgs.builder()
                        .id("delete-beyond-newest")
                        .action("DELETE")
                        .condition(RepositoryCleanupPolicyConditionArgs.builder().tagState("ANY").build())
                        .build());
    }
}
