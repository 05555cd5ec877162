package dev.derrick.gcp;

import com.pulumi.resources.ComponentResourceOptions;
import dev.derrick.catalog.Catalog;
import dev.derrick.config.CapacityType;
import dev.derrick.config.ClusterSpec;
import dev.derrick.config.EndpointAccess;
import dev.derrick.config.NodePoolSpec;
import dev.derrick.config.Target;
import dev.derrick.plan.Plan;
import dev.derrick.plan.PlannedResource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.derrick.plan.ComponentPlans.plan;
import static dev.derrick.plan.ComponentPlans.resource;
import static org.assertj.core.api.Assertions.assertThat;

/** GkeCluster's inputs, planned offline. */
class GkeClusterTest {
    private static final List<String> ZONES = List.of("us-central1-a", "us-central1-b");

    private static Plan planned(EndpointAccess access, String physicalName) {
        var pools = List.of(
                new NodePoolSpec("system", null, null, "e2-standard-4", 1, 2, null, null, null, null, null, null, null, null),
                new NodePoolSpec("gpu", "l4", 1, null, 0, 2, null, CapacityType.SPOT, null, null, null, null, null, null));
        var spec = new ClusterSpec("train", Target.GCP, "us-central1", null, ZONES, null, null, access, null, null, pools, null, null,
                access.publicAccess() ? List.of("203.0.113.0/24", "198.51.100.7/32") : null);
        return plan(ctx -> new GkeCluster("train", physicalName, "p-123456", spec, Catalog.bundled(), Map.of("team", "ml"),
                new ProjectApis("p-123456", region -> null), ComponentResourceOptions.Empty));
    }

    @Test
    void cluster_whenPrivate_hasPrivateNodesAndEndpointWorkloadIdentityReleaseChannelAndNoDefaultPool() {
        PlannedResource gke = resource(planned(EndpointAccess.PRIVATE, "test-train"), "gcp:container/cluster:Cluster", "train-gke");

        assertThat(gke.inputs()).as("cluster")
                .containsEntry("name", "test-train").containsEntry("location", "us-central1").containsEntry("nodeLocations", ZONES)
                .containsEntry("removeDefaultNodePool", true).containsEntry("deletionProtection", false)
                .containsEntry("minMasterVersion", ClusterSpec.DEFAULT_KUBERNETES_VERSION).containsEntry("networkingMode", "VPC_NATIVE")
                .containsEntry("resourceLabels", Map.of("team", "ml"));
        assertThat(Plan.get(gke.inputs(), "privateClusterConfig.enablePrivateNodes")).as("private nodes").isEqualTo(true);
        assertThat(Plan.get(gke.inputs(), "privateClusterConfig.enablePrivateEndpoint")).as("private endpoint").isEqualTo(true);
        assertThat(Plan.get(gke.inputs(), "workloadIdentityConfig.workloadPool")).as("workload pool").isEqualTo("p-123456.svc.id.goog");
        assertThat(Plan.get(gke.inputs(), "releaseChannel.channel")).as("release channel").isEqualTo("REGULAR");
        assertThat(Plan.get(gke.inputs(), "ipAllocationPolicy.clusterSecondaryRangeName")).as("pods range").isEqualTo("pods");
        assertThat(Plan.get(gke.inputs(), "ipAllocationPolicy.servicesSecondaryRangeName")).as("services range").isEqualTo("services");
    }

    @Test
    void cluster_whenPublicAndPrivate_keepsPrivateNodesButAPublicEndpoint() {
        PlannedResource gke = resource(planned(EndpointAccess.PUBLIC_AND_PRIVATE, "test-train"), "gcp:container/cluster:Cluster", "train-gke");

        assertThat(Plan.get(gke.inputs(), "privateClusterConfig.enablePrivateNodes")).as("private nodes").isEqualTo(true);
        assertThat(Plan.get(gke.inputs(), "privateClusterConfig.enablePrivateEndpoint")).as("private endpoint only").isEqualTo(false);
        assertThat(Plan.get(gke.inputs(), "masterAuthorizedNetworksConfig.cidrBlocks")).as("only the authorized networks reach it").isEqualTo(List.of(
                Map.of("cidrBlock", "203.0.113.0/24", "displayName", "derrick"), Map.of("cidrBlock", "198.51.100.7/32", "displayName", "derrick")));
        assertThat(Plan.get(gke.inputs(), "masterAuthorizedNetworksConfig.gcpPublicCidrsAccessEnabled")).as("not all of Google Cloud").isEqualTo(false);
        assertThat(resource(planned(EndpointAccess.PRIVATE, "test-train"), "gcp:container/cluster:Cluster", "train-gke").inputs())
                .as("private: no authorized networks block").doesNotContainKey("masterAuthorizedNetworksConfig");
    }

    @Test
    void network_whenPlanned_isCustomModeWithVpcNativeSecondaryRangesAndNat() {
        Plan plan = planned(EndpointAccess.PRIVATE, "test-train");
        PlannedResource network = resource(plan, "gcp:compute/network:Network", "train-network");
        PlannedResource subnet = resource(plan, "gcp:compute/subnetwork:Subnetwork", "train-subnet");
        PlannedResource nat = resource(plan, "gcp:compute/routerNat:RouterNat", "train-nat");

        assertThat(network.inputs()).as("network").containsEntry("autoCreateSubnetworks", false);
        assertThat(subnet.inputs()).as("subnetwork").containsEntry("ipCidrRange", "10.0.0.0/16").containsEntry("region", "us-central1")
                .containsEntry("privateIpGoogleAccess", true);
        assertThat(Plan.get(subnet.inputs(), "secondaryIpRanges")).as("secondary ranges").isEqualTo(List.of(
                Map.of("rangeName", "pods", "ipCidrRange", ClusterSpec.DEFAULT_POD_CIDR),
                Map.of("rangeName", "services", "ipCidrRange", ClusterSpec.DEFAULT_SERVICE_CIDR)));
        assertThat(nat.inputs()).as("Cloud NAT for private nodes").containsEntry("sourceSubnetworkIpRangesToNat", "ALL_SUBNETWORKS_ALL_IP_RANGES");
    }

    @Test
    void nodeServiceAccount_whenPlanned_hasLeastPrivilegeRolesAndAShortId() {
        Plan plan = planned(EndpointAccess.PRIVATE, "a-very-long-stack-name-prod-training-cluster");
        PlannedResource account = resource(plan, "gcp:serviceaccount/account:Account", "train-nodes");
        var roles = plan.ofType("gcp:projects/iAMMember:IAMMember").stream().map(r -> r.inputs().get("role")).toList();

        assertThat((String) account.inputs().get("accountId")).as("account id fits GCP's 30 characters").hasSizeLessThanOrEqualTo(30)
                .startsWith("a-very-long-stack");
        assertThat(roles).as("node roles").containsExactlyInAnyOrderElementsOf(GkeCluster.NODE_ROLES);
    }

    @Test
    void apis_whenPlanned_areEnabledAndWhatCallsThemDependsOnThem() {
        Plan plan = planned(EndpointAccess.PRIVATE, "test-train");
        String compute = ProjectApisTest.serviceUrn("gcp-api-compute");
        String container = ProjectApisTest.serviceUrn("gcp-api-container");
        String iam = ProjectApisTest.serviceUrn("gcp-api-iam");

        assertThat(plan.ofType(ProjectApisTest.SERVICE)).as("APIs enabled").extracting(r -> r.inputs().get("service"))
                .containsExactlyInAnyOrder("compute.googleapis.com", "container.googleapis.com", "iam.googleapis.com");
        for (var network : List.of("gcp:compute/network:Network train-network", "gcp:compute/subnetwork:Subnetwork train-subnet",
                "gcp:compute/router:Router train-router", "gcp:compute/routerNat:RouterNat train-nat")) {
            String[] typeAndName = network.split(" ");
            assertThat(resource(plan, typeAndName[0], typeAndName[1]).dependencies()).as(network).contains(compute);
        }
        assertThat(resource(plan, "gcp:serviceaccount/account:Account", "train-nodes").dependencies()).as("node account")
                .contains(iam);
        assertThat(resource(plan, "gcp:container/cluster:Cluster", "train-gke").dependencies()).as("control plane")
                .contains(container, compute);
        assertThat(plan.ofType(GkeNodePool.TYPE)).as("node pools").allSatisfy(pool ->
                assertThat(pool.dependencies()).as(pool.name()).contains(container, compute));
    }

    @Test
    void pools_whenPlanned_areGkeNodePoolsUnderTheCluster() {
        Plan plan = planned(EndpointAccess.PRIVATE, "test-train");

        assertThat(plan.ofType(GkeNodePool.TYPE)).as("pool components").extracting(PlannedResource::name)
                .containsExactlyInAnyOrder("train-system", "train-gpu");
        assertThat(resource(plan, "gcp:container/nodePool:NodePool", "train-gpu").urn()).as("URN")
                .isEqualTo("urn:pulumi:test::derrick::derrick:gcp:GkeCluster$derrick:gcp:GkeNodePool$gcp:container/nodePool:NodePool::train-gpu");
    }
}
