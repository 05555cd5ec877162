package dev.derrick.identity;

import java.util.List;

/**
 * The documents and role names of {@link WorkloadIdentity}, as plain functions.
 *
 * <p>Sources (read 2026-12-05):
 * <ul>
 *   <li>EKS Pod Identity trust policy and its session tags {@code eks-cluster-name}, {@code kubernetes-namespace},
 *       {@code kubernetes-service-account}: Amazon EKS User Guide, "Create IAM role with trust policy required by EKS
 *       Pod Identity" (docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html).</li>
 *   <li>Cloud Storage roles {@code roles/storage.objectViewer} (view and list objects) and
 *       {@code roles/storage.objectAdmin} (list, create, view, delete objects), grantable on one bucket: Google Cloud
 *       "IAM roles for Cloud Storage" (cloud.google.com/iam/docs/roles-permissions/storage).</li>
 *   <li>Azure built-in roles Storage Blob Data Reader {@code 2a2b9908-6ea1-4ae2-8e65-a410df84e7d1} and Storage Blob
 *       Data Contributor {@code ba92f5b4-2d11-453d-a403-e96b0029c9fe}: Microsoft Learn, "Azure built-in roles for
 *       Storage" (MicrosoftDocs/azure-docs, articles/role-based-access-control/built-in-roles/storage.md).</li>
 *   <li>The federated credential's audience {@code api://AzureADTokenExchange} and subject
 *       {@code system:serviceaccount:<namespace>:<name>}: Microsoft Learn, "Use Microsoft Entra Workload ID with AKS".</li>
 * </ul>
 */
public final class AccessPolicies {
    public static final String GCS_READ = "roles/storage.objectViewer";
    public static final String GCS_READ_WRITE = "roles/storage.objectAdmin";
    public static final String BLOB_READER = "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1";
    public static final String BLOB_CONTRIBUTOR = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    public static final String AZURE_AUDIENCE = "api://AzureADTokenExchange";

    private AccessPolicies() {
    }

    /** Trust policy: EKS Pod Identity, only for this cluster, namespace and service account. */
    public static String podIdentityTrust(String clusterName, String namespace, String serviceAccount) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"pods.eks.amazonaws.com\"},"
                + "\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"],\"Condition\":{\"StringEquals\":{"
                + "\"aws:RequestTag/eks-cluster-name\":\"" + clusterName + "\","
                + "\"aws:RequestTag/kubernetes-namespace\":\"" + namespace + "\","
                + "\"aws:RequestTag/kubernetes-service-account\":\"" + serviceAccount + "\"}}}]}";
    }

    /** S3 actions on one bucket's objects ({@code s3:ListBucket} on the bucket itself). */
    public static List<String> s3ObjectActions(StoreAccess access) {
        return access == StoreAccess.READ
                ? List.of("s3:GetObject", "s3:GetObjectVersion")
                : List.of("s3:GetObject", "s3:GetObjectVersion", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload");
    }

    /**
     * Identity policy on one bucket; with a KMS-encrypted bucket the key is usable only through S3
     * ({@code kms:ViaService}), since the key may be named by alias or id rather than ARN.
     */
    public static String s3Policy(String bucketArn, StoreAccess access, boolean kms, String region) {
        var actions = s3ObjectActions(access).stream().map(a -> "\"" + a + "\"").toList();
        String statements = "{\"Effect\":\"Allow\",\"Action\":[\"s3:ListBucket\",\"s3:GetBucketLocation\"],\"Resource\":\"" + bucketArn + "\"},"
                + "{\"Effect\":\"Allow\",\"Action\":[" + String.join(",", actions) + "],\"Resource\":\"" + bucketArn + "/*\"}";
        if (kms) {
            String kmsActions = access == StoreAccess.READ ? "\"kms:Decrypt\"" : "\"kms:Decrypt\",\"kms:GenerateDataKey\"";
            statements += ",{\"Effect\":\"Allow\",\"Action\":[" + kmsActions + "],\"Resource\":\"*\","
                    + "\"Condition\":{\"StringEquals\":{\"kms:ViaService\":\"s3." + region + ".amazonaws.com\"}}}";
        }
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}";
    }

    public static String gcsRole(StoreAccess access) {
        return access == StoreAccess.READ ? GCS_READ : GCS_READ_WRITE;
    }

    /** The role definition id of the built-in data role, in the subscription of {@code containerId}. */
    public static String blobRoleDefinition(String containerId, StoreAccess access) {
        int i = containerId.indexOf("/resourceGroups/");
        String subscription = i > 0 ? containerId.substring(0, i) : "";
        return subscription + "/providers/Microsoft.Authorization/roleDefinitions/" + (access == StoreAccess.READ ? BLOB_READER : BLOB_CONTRIBUTOR);
    }

    /** The subject of a federated credential for a Kubernetes service account. */
    public static String serviceAccountSubject(String namespace, String serviceAccount) {
        return "system:serviceaccount:" + namespace + ":" + serviceAccount;
    }

    /** The workload-pool member that may impersonate a GCP service account. */
    public static String gkeMember(String project, String namespace, String serviceAccount) {
        return "serviceAccount:" + project + ".svc.id.goog[" + namespace + "/" + serviceAccount + "]";
    }

    /**
     * A GCP service account id (6-30 characters, lowercase letters, digits, hyphens, starting with a letter) for a
     * workload: {@code <cluster>-<workload>}, shortened with a stable hash when too long.
     */
    public static String gcpAccountId(String cluster, String workload) {
        String id = (cluster + "-" + workload).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        if (!Character.isLetter(id.charAt(0))) {
            id = "w" + id;
        }
        if (id.length() > 30) {
            String hash = Integer.toHexString(id.hashCode() & 0xfffffff);
            id = id.substring(0, 29 - hash.length()).replaceAll("-+$", "") + "-" + hash;
        }
        id = id.replaceAll("-+$", "");
        while (id.length() < 6) {
            id = id + "0";
        }
        return id;
    }
}
