package dev.derrick.config.internal;

import dev.derrick.config.Target;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The cloud names Derrick builds from the stack name, and the cloud's rules for them. A Pulumi stack name may hold
 * upper case, '_' and '.', which some clouds refuse in the names built from it; these are checked before a plan.
 */
public final class DerivedNames {
    // EKS CreateCluster name: alphanumerics (case-sensitive), '-' and '_', an alphanumeric first, at most 100
    // (docs.aws.amazon.com/eks/latest/APIReference/API_CreateCluster.html, read 2026-12-05).
    private static final Pattern EKS_CLUSTER = Pattern.compile("[0-9A-Za-z][A-Za-z0-9_-]{0,99}");
    // GKE v1 Cluster.name: up to 40 lowercase letters, digits and '-', a letter first, a letter or digit last
    // (cloud.google.com/kubernetes-engine/docs/reference/rest/v1/projects.locations.clusters#Cluster, read 2026-12-05).
    private static final Pattern GKE_CLUSTER = Pattern.compile("[a-z]([-a-z0-9]{0,38}[a-z0-9])?");
    // IAM CreateServiceAccountRequest.accountId: 6-30 characters matching [a-z]([-a-z0-9]*[a-z0-9])
    // (cloud.google.com/iam/docs/reference/rest/v1/projects.serviceAccounts/create, read 2026-12-05).
    private static final Pattern GCP_SERVICE_ACCOUNT = Pattern.compile("[a-z][-a-z0-9]{4,28}[a-z0-9]");
    // AKS managedClusters resourceName: 1-63, ^[a-zA-Z0-9]$|^[a-zA-Z0-9][-_a-zA-Z0-9]{0,61}[a-zA-Z0-9]$ (AKS REST API
    // managed-clusters create-or-update path parameter, as generated into the Azure SDKs; read 2026-12-05).
    private static final Pattern AKS_CLUSTER = Pattern.compile("[a-zA-Z0-9]|[a-zA-Z0-9][-_a-zA-Z0-9]{0,61}[a-zA-Z0-9]");

    /** One derived name a cloud would refuse. */
    public record Problem(String what, String name, String rule) {
    }

    private DerivedNames() {
    }

    /** The cluster's name in its cloud ({@code <stack>-<cluster>}): EKS, GKE and AKS cluster names, the AKS DNS prefix. */
    public static String cluster(String stack, String cluster) {
        return stack + "-" + cluster;
    }

    /** The GKE node service account id of a cluster: at most 30 characters. */
    public static String gkeNodeServiceAccount(String physicalCluster) {
        return Names.fit(physicalCluster + "-nodes", 30);
    }

    /** A stack name the clouds accept, close to {@code stack}: lower case, runs of other characters as one '-'. */
    public static String suggestStack(String stack) {
        String s = stack.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^[^a-z]+|-+$", "");
        return s.isEmpty() ? "dev" : s;
    }

    /** Every name built from {@code stack} for cluster {@code cluster} on {@code target} that the cloud would refuse. */
    public static List<Problem> check(Target target, String stack, String cluster) {
        var out = new ArrayList<Problem>();
        String physical = cluster(stack, cluster);
        switch (target) {
            case AWS -> {
                if (!EKS_CLUSTER.matcher(physical).matches()) {
                    out.add(new Problem("EKS cluster name", physical, "letters, digits, '-' and '_', a letter or digit first, at most 100"));
                }
            }
            case GCP -> {
                if (!GKE_CLUSTER.matcher(physical).matches()) {
                    out.add(new Problem("GKE cluster name", physical, "lowercase letters, digits and '-', a letter first, a letter or digit last, at most 40"));
                }
                String account = gkeNodeServiceAccount(physical);
                if (!GCP_SERVICE_ACCOUNT.matcher(account).matches()) {
                    out.add(new Problem("GKE node service account id", account, "6-30 lowercase letters, digits and '-', a letter first, a letter or digit last"));
                }
            }
            case AZURE -> {
                if (!AKS_CLUSTER.matcher(physical).matches()) {
                    out.add(new Problem("AKS cluster name", physical, "letters, digits, '-' and '_', a letter or digit first and last, at most 63"));
                }
            }
            default -> {
                // onprem: nothing is named after the stack
            }
        }
        return out;
    }
}
