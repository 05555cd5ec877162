package dev.derrick.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;
import dev.derrick.config.ClusterSpec;
import dev.derrick.config.ObjectStoreSpec;
import dev.derrick.config.Target;
import dev.derrick.plan.Plan;
import dev.derrick.plan.PlanEngine;
import dev.derrick.plan.PlannedResource;
import dev.derrick.platform.ClusterTarget;
import dev.derrick.platform.StoreTarget;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What {@link WorkloadIdentity} registers per cloud, through the SDK's mock engine, and the rules of its documents. */
class WorkloadIdentityTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ClusterSpec cluster(Target target, String region) {
        return new ClusterSpec("ml", target, region, null, List.of(), null, List.of(), null, null, null, List.of());
    }

    private static ObjectStoreSpec store(Target target, String region, String encryption) {
        return new ObjectStoreSpec("models", null, target, region, null, null, encryption, null, null);
    }

    private static Plan plan(java.util.function.Function<Resource, ClusterTarget> cluster, StoreTarget store, StoreAccess access,
                             AtomicReference<WorkloadIdentity> out) {
        return PlanEngine.run("derrick", "test", Map.of(), Set.of(), ctx -> {
            var agent = new com.pulumi.aws.eks.Addon("agent", com.pulumi.aws.eks.AddonArgs.builder().clusterName("c").addonName("eks-pod-identity-agent").build());
            out.set(new WorkloadIdentity("ml-tracking", new WorkloadIdentityArgs(cluster.apply(agent), "mlflow", "mlflow", store, access, List.of()),
                    ComponentResourceOptions.builder().build()));
        });
    }

    private static JsonNode in(Plan plan, String type) {
        List<PlannedResource> all = plan.ofType(type);
        assertThat(all).as(type).hasSize(1);
        return JSON.valueToTree(all.get(0).inputs());
    }

    @Test
    void eks_roleOnlyPodIdentityOfThisServiceAccountMayAssume_policyOnTheOneBucket() throws Exception {
        var identity = new AtomicReference<WorkloadIdentity>();
        Plan plan = plan(agent -> new ClusterTarget(cluster(Target.AWS, "us-east-1"), Output.of("kc"), null, List.of(), true,
                        Output.of("prod-ml"), () -> agent, null, null, null),
                StoreTarget.s3(store(Target.AWS, "us-east-1", "kms"), Output.of("models-b"), Output.of("arn:aws:s3:::models-b")),
                StoreAccess.READ_WRITE, identity);
        JsonNode trust = JSON.readTree(in(plan, "aws:iam/role:Role").path("assumeRolePolicy").asText());
        JsonNode stmt = trust.path("Statement").get(0);
        assertThat(stmt.path("Principal").path("Service").asText()).isEqualTo("pods.eks.amazonaws.com");
        assertThat(stmt.path("Condition").path("StringEquals").path("aws:RequestTag/eks-cluster-name").asText()).isEqualTo("prod-ml");
        assertThat(stmt.path("Condition").path("StringEquals").path("aws:RequestTag/kubernetes-namespace").asText()).isEqualTo("mlflow");
        assertThat(stmt.path("Condition").path("StringEquals").path("aws:RequestTag/kubernetes-service-account").asText()).isEqualTo("mlflow");

        JsonNode policy = JSON.readTree(in(plan, "aws:iam/rolePolicy:RolePolicy").path("policy").asText());
        var resources = new java.util.ArrayList<String>();
        policy.path("Statement").forEach(s -> resources.add(s.path("Resource").asText()));
        assertThat(resources).containsExactly("arn:aws:s3:::models-b", "arn:aws:s3:::models-b/*", "*");
        assertThat(policy.path("Statement").get(1).path("Action").toString()).contains("s3:PutObject").doesNotContain("s3:*");
        assertThat(policy.path("Statement").get(2).path("Condition").path("StringEquals").path("kms:ViaService").asText())
                .isEqualTo("s3.us-east-1.amazonaws.com");

        JsonNode association = in(plan, "aws:eks/podIdentityAssociation:PodIdentityAssociation");
        assertThat(association.path("clusterName").asText()).isEqualTo("prod-ml");
        assertThat(association.path("namespace").asText()).isEqualTo("mlflow");
        PlannedResource a = plan.ofType("aws:eks/podIdentityAssociation:PodIdentityAssociation").get(0);
        assertThat(a.dependencies()).anyMatch(d -> d.endsWith("::agent")).anyMatch(d -> d.endsWith("::ml-tracking-store"));
        assertThat(identity.get().podLabels).isEmpty();
        assertThat(identity.get().credentialsSecret).isEmpty();
    }

    @Test
    void eks_readOnlyGrantsNoWriteAndNoKeyWithoutKms() throws Exception {
        JsonNode policy = JSON.readTree(AccessPolicies.s3Policy("arn:aws:s3:::b", StoreAccess.READ, false, "eu-west-1"));
        assertThat(policy.path("Statement")).hasSize(2);
        assertThat(policy.toString()).doesNotContain("PutObject").doesNotContain("DeleteObject").doesNotContain("kms:");
    }

    @Test
    void gke_serviceAccountBoundToTheWorkloadPoolMember_roleOnTheBucket() {
        var identity = new AtomicReference<WorkloadIdentity>();
        Plan plan = plan(agent -> new ClusterTarget(cluster(Target.GCP, "us-central1"), Output.of("kc"), null, List.of(), true,
                        null, null, "my-proj", null, null),
                StoreTarget.gcs(store(Target.GCP, "us-central1", null), Output.of("models-b")), StoreAccess.READ, identity);
        assertThat(in(plan, "gcp:serviceaccount/account:Account").path("accountId").asText()).isEqualTo("ml-mlflow");
        JsonNode binding = in(plan, "gcp:serviceaccount/iAMMember:IAMMember");
        assertThat(binding.path("role").asText()).isEqualTo("roles/iam.workloadIdentityUser");
        assertThat(binding.path("member").asText()).isEqualTo("serviceAccount:my-proj.svc.id.goog[mlflow/mlflow]");
        JsonNode bucket = in(plan, "gcp:storage/bucketIAMMember:BucketIAMMember");
        assertThat(bucket.path("bucket").asText()).isEqualTo("models-b");
        assertThat(bucket.path("role").asText()).isEqualTo("roles/storage.objectViewer");
    }

    @Test
    void aks_federatedCredentialForTheServiceAccount_dataRoleOnTheContainer() {
        var identity = new AtomicReference<WorkloadIdentity>();
        String container = "/subscriptions/s-1/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/a/blobServices/default/containers/models";
        Plan plan = plan(agent -> new ClusterTarget(cluster(Target.AZURE, "eastus"), Output.of("kc"), null, List.of(), true,
                        null, null, null, Output.of("https://issuer.example/abc/"), Output.of("ml-rg")),
                StoreTarget.blob(store(Target.AZURE, "eastus", null), Output.of("acct"), Output.of("models"), Output.of(container)),
                StoreAccess.READ_WRITE, identity);
        JsonNode fed = in(plan, "azure-native:managedidentity:FederatedIdentityCredential");
        assertThat(fed.path("issuer").asText()).isEqualTo("https://issuer.example/abc/");
        assertThat(fed.path("subject").asText()).isEqualTo("system:serviceaccount:mlflow:mlflow");
        assertThat(fed.path("audiences").get(0).asText()).isEqualTo("api://AzureADTokenExchange");
        JsonNode role = in(plan, "azure-native:authorization:RoleAssignment");
        assertThat(role.path("scope").asText()).isEqualTo(container);
        assertThat(role.path("roleDefinitionId").asText())
                .isEqualTo("/subscriptions/s-1/providers/Microsoft.Authorization/roleDefinitions/ba92f5b4-2d11-453d-a403-e96b0029c9fe");
        assertThat(identity.get().podLabels).containsEntry("azure.workload.identity/use", "true");
    }

    @Test
    void onprem_inClusterStoreKeysGoToASecretOnly() {
        var identity = new AtomicReference<WorkloadIdentity>();
        var spec = new ObjectStoreSpec("models", null, Target.ONPREM, null, null, null, null, null, null, null, "ml", "10Gi");
        Plan plan = plan(agent -> new ClusterTarget(new ClusterSpec("ml", Target.ONPREM, null, null, List.of(), null, List.of(), null, null, null,
                        List.of()), Output.of("kc"), null, List.of(), false, null, null, null, null, null),
                StoreTarget.s3Compatible(spec, Output.of("models"), "http://seaweedfs-s3.storage:8333", Output.of("AKID"), Output.of("hunter2").asSecret()),
                StoreAccess.READ_WRITE, identity);
        JsonNode secret = in(plan, "kubernetes:core/v1:Secret");
        assertThat(secret.path("metadata").path("name").asText()).isEqualTo("mlflow-store-credentials");
        assertThat(secret.toString()).doesNotContain("hunter2").doesNotContain("AKID");
        assertThat(identity.get().credentialsSecret).contains("mlflow-store-credentials");
    }

    @Test
    void rules_storeMustBeOnTheClustersCloudOrInTheOnpremCluster() {
        assertThat(IdentityRules.problem(cluster(Target.AWS, "us-east-1"), store(Target.GCP, "us-central1", null)))
                .hasValueSatisfying(p -> assertThat(p).contains("is on gcp, cluster ml on aws"));
        assertThat(IdentityRules.problem(cluster(Target.AWS, "us-east-1"), store(Target.AWS, "us-east-1", null))).isEmpty();
        var external = new ObjectStoreSpec("models", null, Target.ONPREM, null, null, null, null, null, null, "https://minio.lab:9000", null, null);
        var onprem = new ClusterSpec("ml", Target.ONPREM, null, null, List.of(), null, List.of(), null, null, null, List.of());
        assertThat(IdentityRules.problem(onprem, external)).hasValueSatisfying(p -> assertThat(p).contains("existing S3-compatible endpoint"));
        assertThatThrownBy(() -> plan(agent -> new ClusterTarget(cluster(Target.AWS, "us-east-1"), Output.of("kc"), null, List.of(), true,
                        Output.of("c"), () -> agent, null, null, null),
                StoreTarget.gcs(store(Target.GCP, "us-central1", null), Output.of("b")), StoreAccess.READ, new AtomicReference<>()))
                .hasMessageContaining("passed validation");
    }

    @Test
    void gcpAccountIds_areValidAndStable() {
        assertThat(AccessPolicies.gcpAccountId("ml", "mlflow")).isEqualTo("ml-mlflow");
        String longId = AccessPolicies.gcpAccountId("a-very-long-cluster-name", "kserve-models-reader");
        assertThat(longId).hasSizeLessThanOrEqualTo(30).matches("[a-z][a-z0-9-]{4,28}[a-z0-9]")
                .isEqualTo(AccessPolicies.gcpAccountId("a-very-long-cluster-name", "kserve-models-reader"));
        assertThat(AccessPolicies.gcpAccountId("9", "x")).matches("[a-z][a-z0-9-]{4,28}[a-z0-9]");
    }
}
