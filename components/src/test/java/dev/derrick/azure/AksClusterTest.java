package dev.derrick.azure;

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

/** AksCluster's inputs, planned offline. */
class AksClusterTest {
    private static Plan planned(EndpointAccess access) {
        var pools = List.of(
                new NodePoolSpec("gpu", "t4", 1, null, 0, 2, null, CapacityType.SPOT, null, null, null, null, null, null),
                new NodePoolSpec("system", null, null, "Standard_D4s_v5", 1, 3, null, null, null, null, null, null, null, null));
        var spec = new ClusterSpec("train", Target.AZURE, "eastus", "1.33", List.of("1", "2"), null, null, access, null, null, pools, null, null,
                access.publicAccess() ? List.of("203.0.113.0/24") : null);
        return plan(ctx -> new AksCluster("train", "test-train", spec, Catalog.bundled(), Map.of("team", "ml"), ComponentResourceOptions.Empty));
    }

    @Test
    void cluster_whenPrivate_hasManagedIdentityVersionPrivateApiOverlayAndWorkloadIdentity() {
        PlannedResource aks = resource(planned(EndpointAccess.PRIVATE), "azure-native:containerservice:ManagedCluster", "train-aks");

        assertThat(aks.inputs()).as("cluster").containsEntry("resourceName", "test-train").containsEntry("dnsPrefix", "test-train")
                .containsEntry("location", "eastus").containsEntry("kubernetesVersion", "1.33").containsEntry("tags", Map.of("team", "ml"));
        assertThat(Plan.get(aks.inputs(), "identity.type")).as("managed identity").isEqualTo("SystemAssigned");
        assertThat(Plan.get(aks.inputs(), "apiServerAccessProfile.enablePrivateCluster")).as("private API").isEqualTo(true);
        // outboundType: loadBalancer is not set by Derrick: azure-native's Args builder fills in the schema default.
        assertThat(Plan.get(aks.inputs(), "networkProfile")).as("Azure CNI overlay").isEqualTo(Map.of(
                "networkPlugin", "azure", "networkPluginMode", "overlay", "podCidr", ClusterSpec.DEFAULT_POD_CIDR,
                "serviceCidr", ClusterSpec.DEFAULT_SERVICE_CIDR, "dnsServiceIP", "10.68.0.10", "loadBalancerSku", "standard",
                "outboundType", "loadBalancer"));
        assertThat(Plan.get(aks.inputs(), "securityProfile.workloadIdentity.enabled")).as("workload identity").isEqualTo(true);
        assertThat(Plan.get(aks.inputs(), "oidcIssuerProfile.enabled")).as("OIDC issuer").isEqualTo(true);
    }

    @Test
    void cluster_whenPublic_hasPublicApi() {
        PlannedResource aks = resource(planned(EndpointAccess.PUBLIC), "azure-native:containerservice:ManagedCluster", "train-aks");

        assertThat(Plan.get(aks.inputs(), "apiServerAccessProfile.enablePrivateCluster")).as("private API").isEqualTo(false);
        assertThat(Plan.get(aks.inputs(), "apiServerAccessProfile.authorizedIPRanges")).as("authorized IP ranges").isEqualTo(List.of("203.0.113.0/24"));
        assertThat(Plan.get(resource(planned(EndpointAccess.PRIVATE), "azure-native:containerservice:ManagedCluster", "train-aks").inputs(),
                "apiServerAccessProfile.authorizedIPRanges")).as("private: none").isNull();
    }

    @Test
    void systemPool_whenFirstCpuPoolComesAfterAGpuPool_isTheOnlyAgentPoolProfile() {
        Plan plan = planned(EndpointAccess.PRIVATE);
        PlannedResource aks = resource(plan, "azure-native:containerservice:ManagedCluster", "train-aks");

        assertThat((List<?>) aks.inputs().get("agentPoolProfiles")).as("inline profiles").hasSize(1);
        assertThat(Plan.get(aks.inputs(), "agentPoolProfiles.0.name")).as("system profile").isEqualTo("system");
        assertThat(Plan.get(aks.inputs(), "agentPoolProfiles.0.mode")).as("mode").isEqualTo("System");
        assertThat(Plan.get(aks.inputs(), "agentPoolProfiles.0.vmSize")).as("vm size").isEqualTo("Standard_D4s_v5");
        assertThat(Plan.get(aks.inputs(), "agentPoolProfiles.0.availabilityZones")).as("zones").isEqualTo(List.of("1", "2"));
        assertThat(plan.ofType("azure-native:containerservice:AgentPool")).as("other pools are AgentPools")
                .extracting(PlannedResource::name).containsExactly("train-gpu");
    }

    @Test
    void resourceGroup_whenPlanned_isInTheClustersLocation() {
        PlannedResource rg = resource(planned(EndpointAccess.PRIVATE), "azure-native:resources:ResourceGroup", "train-rg");

        assertThat(rg.inputs()).as("resource group").containsEntry("location", "eastus").containsEntry("tags", Map.of("team", "ml"));
    }
}
