package dev.derrick.preflight.azure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.derrick.config.ClusterSpec;
import dev.derrick.preflight.CheckResult;
import dev.derrick.preflight.StackOutputs;

/**
 * A deployed AKS cluster succeeded, runs, and is at the configured Kubernetes minor: Managed
 * Clusters - Get (api-version {@value #API}) -> {@code properties.provisioningState},
 * {@code properties.powerState.code}, {@code properties.currentKubernetesVersion}
 * (https://learn.microsoft.com/en-us/rest/api/aks/managed-clusters/get?view=rest-aks-2024-05-01).
 */
final class AksClusterCheck extends AzureCheck {
    static final String API = "2024-05-01";
    private final ClusterSpec spec;
    private final String output;
    private final String group;
    private final String name;

    AksClusterCheck(AzureClients azure, int maxAttempts, ClusterSpec spec, String output, String group, String name) {
        super(azure, spec.region(), maxAttempts);
        this.spec = spec;
        this.output = output;
        this.group = group;
        this.name = name;
    }

    /** The Resource Manager path of a managed cluster. */
    static String path(String subscription, String group, String name) {
        return "/subscriptions/" + enc(subscription) + "/resourceGroups/" + enc(group) + "/providers/Microsoft.ContainerService/managedClusters/" + enc(name);
    }

    @Override
    public String id() {
        return "azure.aks-cluster";
    }

    @Override
    public String subject() {
        return spec.name() + (name == null ? "" : " " + name + " (" + location + ")");
    }

    @Override
    String permission() {
        return "Microsoft.ContainerService/managedClusters/read (e.g. Reader on the resource group)";
    }

    @Override
    public CheckResult run() throws Exception {
        if (name == null || group == null) {
            return CheckResult.fail(this, "no cluster or resource group name in the stack outputs", StackOutputs.missingFix(name == null ? output : spec.name() + ".resourceGroupName"));
        }
        JsonNode c = azure.get(path(azure.subscription(), group, name) + "?api-version=" + API);
        if (c == null) {
            return CheckResult.fail(this, "cluster does not exist in resource group " + group, "run pulumi up for this stack (or check --outputs is this stack's)");
        }
        JsonNode p = c.path("properties");
        String state = p.path("provisioningState").asText("");
        String power = p.path("powerState").path("code").asText("");
        String version = p.path("currentKubernetesVersion").asText(p.path("kubernetesVersion").asText(""));
        if (state.isEmpty() || version.isEmpty()) {
            throw new AzureClients.UnreadableResponseException("managedClusters.get without properties.provisioningState and kubernetesVersion");
        }
        String figure = state + (power.isEmpty() ? "" : ", " + power) + ", Kubernetes " + version;
        if (!"Succeeded".equals(state) || !(power.isEmpty() || "Running".equals(power))) {
            return CheckResult.fail(this, figure + ", expected Succeeded, Running", "look at the cluster's activity log; start it with az aks start if it was stopped");
        }
        String want = spec.kubernetesVersion();
        if (want != null && !(version.equals(want) || version.startsWith(want + "."))) {
            return CheckResult.fail(this, figure + ", expected " + want, "run pulumi up (the control plane's version drifted)");
        }
        return CheckResult.pass(this, figure);
    }
}
