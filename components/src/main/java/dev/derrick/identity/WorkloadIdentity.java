package dev.derrick.identity;

import com.pulumi.core.Either;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.derrick.platform.ClusterTarget;
import dev.derrick.platform.StoreTarget;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Kubernetes service account's access to one object store of the stack, with the cloud's workload identity and
 * least privilege on that one bucket or container; never a static key on a cloud:
 * <ul>
 *   <li>EKS: an IAM role that only EKS Pod Identity may assume, only for this cluster, namespace and service account,
 *       with an inline policy on the bucket, and the Pod Identity association (the agent add-on is the cluster's).</li>
 *   <li>GKE: a GCP service account, {@code roles/iam.workloadIdentityUser} for the Kubernetes service account's
 *       workload-pool member, and a bucket-level role; the ServiceAccount carries {@code iam.gke.io/gcp-service-account}.</li>
 *   <li>AKS: a user-assigned identity in the cluster's resource group, a federated credential for the cluster's OIDC
 *       issuer and the service account, and a Storage Blob Data role on the container; the ServiceAccount carries
 *       {@code azure.workload.identity/client-id}, the pods {@code azure.workload.identity/use: "true"}.</li>
 *   <li>S3-compatible in-cluster stores: no identity system exists, so the store's S3 key goes into a Kubernetes
 *       Secret in the namespace (secret in state, never printed).</li>
 * </ul>
 * It does not create the ServiceAccount: the caller's chart or manifests do, with {@link #serviceAccountAnnotations}.
 */
public final class WorkloadIdentity extends ComponentResource {
    public static final String TYPE = "derrick:identity:WorkloadIdentity";
    public static final String GKE_ANNOTATION = "iam.gke.io/gcp-service-account";
    public static final String AKS_ANNOTATION = "azure.workload.identity/client-id";
    public static final String AKS_POD_LABEL = "azure.workload.identity/use";

    /** Annotations for the ServiceAccount. */
    public final Output<Map<String, String>> serviceAccountAnnotations;
    /** Labels for the pods. */
    public final Map<String, String> podLabels;
    /** Plain environment variables the store's client needs (region, endpoint); nothing secret. */
    public final Output<Map<String, String>> environment;
    /** S3-compatible stores: the Secret with {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY} to {@code envFrom}. */
    public final Optional<String> credentialsSecret;
    /** What the workload's pods wait for (association, bindings, role assignment, Secret). */
    public final List<Resource> ready;

    public WorkloadIdentity(String name, WorkloadIdentityArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        ClusterTarget cluster = args.cluster();
        StoreTarget store = args.store();
        var ready = new ArrayList<Resource>();
        var env = new LinkedHashMap<String, String>();
        Output<Map<String, String>> annotations = Output.of(Map.of());
        Map<String, String> labels = Map.of();
        Optional<String> secret = Optional.empty();
        String problem = IdentityRules.problem(cluster.spec(), store.spec()).orElse(null);
        if (problem != null) {
            throw new IllegalStateException("workload identity " + name + ": " + problem + " passed validation");
        }
        switch (cluster.spec().target()) {
            case AWS -> {
                env.put("AWS_REGION", store.spec().region());
                boolean kms = "kms".equals(store.spec().encryption());
                var role = new com.pulumi.aws.iam.Role(name + "-role", com.pulumi.aws.iam.RoleArgs.builder()
                        .assumeRolePolicy(cluster.eksClusterName().applyValue(c -> AccessPolicies.podIdentityTrust(c, args.namespace(), args.serviceAccount())))
                        .description("EKS Pod Identity of " + args.namespace() + "/" + args.serviceAccount() + " on store " + store.name())
                        .build(), child);
                var policy = new com.pulumi.aws.iam.RolePolicy(name + "-store", com.pulumi.aws.iam.RolePolicyArgs.builder()
                        .role(role.name())
                        .policy(store.arn().applyValue(arn -> AccessPolicies.s3Policy(arn, args.access(), kms, store.spec().region())))
                        .build(), child);
                var deps = new ArrayList<Resource>(List.of(policy, cluster.podIdentityAgent().get()));
                ready.add(new com.pulumi.aws.eks.PodIdentityAssociation(name + "-association", com.pulumi.aws.eks.PodIdentityAssociationArgs.builder()
                        .clusterName(cluster.eksClusterName())
                        .namespace(args.namespace())
                        .serviceAccount(args.serviceAccount())
                        .roleArn(role.arn())
                        .build(), CustomResourceOptions.builder().parent(this).dependsOn(deps).build()));
            }
            case GCP -> {
                String project = cluster.gcpProject();
                var account = new com.pulumi.gcp.serviceaccount.Account(name + "-gsa", com.pulumi.gcp.serviceaccount.AccountArgs.builder()
                        .project(project)
                        .accountId(AccessPolicies.gcpAccountId(cluster.name(), args.serviceAccount()))
                        .displayName("Workload " + args.namespace() + "/" + args.serviceAccount() + " of " + cluster.name())
                        .build(), child);
                ready.add(new com.pulumi.gcp.serviceaccount.IAMMember(name + "-workload-identity", com.pulumi.gcp.serviceaccount.IAMMemberArgs.builder()
                        .serviceAccountId(account.name())
                        .role("roles/iam.workloadIdentityUser")
                        .member(AccessPolicies.gkeMember(project, args.namespace(), args.serviceAccount()))
                        .build(), child));
                ready.add(new com.pulumi.gcp.storage.BucketIAMMember(name + "-store", com.pulumi.gcp.storage.BucketIAMMemberArgs.builder()
                        .bucket(store.bucket())
                        .role(AccessPolicies.gcsRole(args.access()))
                        .member(account.email().applyValue(e -> "serviceAccount:" + e))
                        .build(), child));
                annotations = account.email().applyValue(e -> Map.of(GKE_ANNOTATION, e));
            }
            case AZURE -> {
                var identity = new com.pulumi.azurenative.managedidentity.UserAssignedIdentity(name + "-identity",
                        com.pulumi.azurenative.managedidentity.UserAssignedIdentityArgs.builder()
                                .resourceGroupName(cluster.aksResourceGroup())
                                .location(cluster.spec().region())
                                .build(), child);
                ready.add(new com.pulumi.azurenative.managedidentity.FederatedIdentityCredential(name + "-federation",
                        com.pulumi.azurenative.managedidentity.FederatedIdentityCredentialArgs.builder()
                                .resourceGroupName(cluster.aksResourceGroup())
                                .resourceName(identity.name())
                                .issuer(cluster.aksOidcIssuerUrl())
                                .subject(AccessPolicies.serviceAccountSubject(args.namespace(), args.serviceAccount()))
                                .audiences(AccessPolicies.AZURE_AUDIENCE)
                                .build(), child));
                ready.add(new com.pulumi.azurenative.authorization.RoleAssignment(name + "-store",
                        com.pulumi.azurenative.authorization.RoleAssignmentArgs.builder()
                                .scope(store.azureContainerId())
                                .roleDefinitionId(store.azureContainerId().applyValue(id -> AccessPolicies.blobRoleDefinition(id, args.access())))
                                .principalId(identity.principalId())
                                .principalType(Either.ofLeft("ServicePrincipal"))
                                .build(), child));
                annotations = identity.clientId().applyValue(id -> Map.of(AKS_ANNOTATION, id));
                labels = Map.of(AKS_POD_LABEL, "true");
            }
            case ONPREM -> {
                String secretName = args.serviceAccount() + "-store-credentials";
                env.put("AWS_ENDPOINT_URL_S3", store.s3Endpoint().orElseThrow());
                env.put("AWS_REGION", store.spec().region() == null ? "us-east-1" : store.spec().region());
                ready.add(new com.pulumi.kubernetes.core.v1.Secret(name + "-credentials", com.pulumi.kubernetes.core.v1.SecretArgs.builder()
                        .metadata(com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs.builder()
                                .name(secretName).namespace(args.namespace()).build())
                        .stringData(Output.tuple(store.accessKeyId(), store.secretAccessKey())
                                .applyValue(t -> Map.of("AWS_ACCESS_KEY_ID", t.t1, "AWS_SECRET_ACCESS_KEY", t.t2)).asSecret())
                        .build(), CustomResourceOptions.builder().parent(this).provider(provider(name, cluster)).dependsOn(args.after()).build()));
                secret = Optional.of(secretName);
            }
            default -> throw new IllegalStateException("unsupported target " + cluster.spec().target() + " passed validation");
        }
        this.serviceAccountAnnotations = annotations;
        this.podLabels = labels;
        this.environment = Output.of(Map.copyOf(env));
        this.credentialsSecret = secret;
        this.ready = List.copyOf(ready);
        registerOutputs(Map.of());
    }

    private com.pulumi.kubernetes.Provider provider(String name, ClusterTarget cluster) {
        return new com.pulumi.kubernetes.Provider(name + "-provider", com.pulumi.kubernetes.ProviderArgs.builder()
                .kubeconfig(cluster.kubeconfig().asSecret()).build(), CustomResourceOptions.builder().parent(this).build());
    }
}
