package dev.derrick.gcp;

import com.pulumi.resources.ComponentResourceOptions;
import dev.derrick.catalog.Catalog;
import dev.derrick.config.ClusterSpec;
import dev.derrick.config.NodePoolSpec;
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

/** ProjectApis shared by several clusters and registries of one project, planned offline. */
class ProjectApisTest {
    static final String SERVICE = "gcp:projects/service:Service";

    /** The URN of a top-level Service in a component plan. */
    static String serviceUrn(String name) {
        return "urn:pulumi:test::derrick::" + SERVICE + "::" + name;
    }

    private static ClusterSpec cluster(String name, String region, String zone) {
        var pools = List.of(new NodePoolSpec("system", null, null, "e2-standard-4", 1, 2, null, null, null, null, null, null, null, null));
        return new ClusterSpec(name, Target.GCP, region, null, List.of(zone), null, null, null, null, null, pools);
    }

    /** Two clusters in two regions and two scanned registries, all in project p-123456. */
    private static Plan twoClustersTwoRegistries() {
        return plan(ctx -> {
            var apis = new ProjectApis("p-123456", region -> null);
            new GkeCluster("train", "test-train", "p-123456", cluster("train", "us-central1", "us-central1-a"), Catalog.bundled(), Map.of(),
                    apis, ComponentResourceOptions.Empty);
            new GkeCluster("serve", "test-serve", "p-123456", cluster("serve", "europe-west4", "europe-west4-a"), Catalog.bundled(),
                    Map.of(), apis, ComponentResourceOptions.Empty);
            for (String registry : List.of("ml-training", "ml-serving")) {
                new ArtifactRegistry(registry, new RegistrySpec(registry, Target.GCP, "us-central1", true, null, null, null, null), "p-123456",
                        Map.of(), apis, ComponentResourceOptions.Empty);
            }
        });
    }

    @Test
    void enable_whenSeveralClustersAndRegistriesUseAnApi_registersOneServicePerApi() {
        Plan plan = twoClustersTwoRegistries();

        assertThat(plan.ofType(SERVICE)).as("one Service per API (container scanning keeps its name)").extracting(PlannedResource::name)
                .containsExactlyInAnyOrder("gcp-api-compute", "gcp-api-container", "gcp-api-iam", "gcp-api-artifactregistry", "gcp-container-scanning");
        assertThat(plan.ofType(SERVICE)).as("enabled in the project, never disabled by Derrick").allSatisfy(s -> assertThat(s.inputs())
                .containsEntry("project", "p-123456").containsEntry("disableOnDestroy", false).containsEntry("disableDependentServices", false));
        assertThat(plan.ofType(SERVICE)).as("top level").allSatisfy(s -> assertThat(s.urn()).isEqualTo(serviceUrn(s.name())));
    }

    @Test
    void enable_whenSeveralClustersAndRegistriesUseAnApi_allDependOnTheOneService() {
        Plan plan = twoClustersTwoRegistries();

        for (String cluster : List.of("train", "serve")) {
            assertThat(resource(plan, "gcp:container/cluster:Cluster", cluster + "-gke").dependencies()).as(cluster)
                    .contains(serviceUrn("gcp-api-container"), serviceUrn("gcp-api-compute"));
        }
        for (String registry : List.of("ml-training", "ml-serving")) {
            assertThat(resource(plan, "gcp:artifactregistry/repository:Repository", registry).dependencies()).as(registry)
                    .contains(serviceUrn("gcp-api-artifactregistry"));
        }
    }
}
