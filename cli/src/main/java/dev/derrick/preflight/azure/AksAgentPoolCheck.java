package dev.derrick.preflight.azure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.derrick.config.CapacityType;
import dev.derrick.config.NodePoolSpec;
import dev.derrick.preflight.CheckResult;
import dev.derrick.preflight.StackOutputs;

import java.util.ArrayList;

/**
 * A deployed AKS agent pool is what {@code AksCluster}/{@code AksNodePool} promised: provisioning
 * succeeded, autoscaling on with the pool's min/max, its VM size, Spot or Regular as configured.
 * Agent Pools - Get (api-version {@value AksClusterCheck#API}) -> {@code properties.provisioningState,
 * enableAutoScaling, minCount, maxCount, count, vmSize, scaleSetPriority}
 * (https://learn.microsoft.com/en-us/rest/api/aks/agent-pools/get?view=rest-aks-2024-05-01).
 */
final class AksAgentPoolCheck extends AzureCheck {
    private final String pool;
    private final NodePoolSpec spec;
    private final String vmSize;
    private final String output;
    private final String group;
    private final String cluster;

    AksAgentPoolCheck(AzureClients azure, int maxAttempts, String location, String pool, NodePoolSpec spec, String vmSize, String output,
                      String group, String cluster) {
        super(azure, location, maxAttempts);
        this.pool = pool;
        this.spec = spec;
        this.vmSize = vmSize;
        this.output = output;
        this.group = group;
        this.cluster = cluster;
    }

    @Override
    public String id() {
        return "azure.aks-agentpool";
    }

    @Override
    public String subject() {
        return pool;
    }

    @Override
    String permission() {
        return "Microsoft.ContainerService/managedClusters/agentPools/read (e.g. Reader on the resource group)";
    }

    @Override
    public CheckResult run() throws Exception {
        if (cluster == null || group == null) {
            return CheckResult.fail(this, "no cluster or resource group name in the stack outputs", StackOutputs.missingFix(output));
        }
        JsonNode a = azure.get(AksClusterCheck.path(azure.subscription(), group, cluster) + "/agentPools/" + enc(spec.name())
                + "?api-version=" + AksClusterCheck.API);
        if (a == null) {
            return CheckResult.fail(this, "agent pool " + spec.name() + " does not exist in cluster " + cluster, "run pulumi up for this stack");
        }
        JsonNode p = a.path("properties");
        String state = p.path("provisioningState").asText("");
        if (state.isEmpty() || !p.path("vmSize").isTextual()) {
            throw new AzureClients.UnreadableResponseException("agentPools.get without properties.provisioningState and vmSize");
        }
        var problems = new ArrayList<String>();
        if (!"Succeeded".equals(state)) {
            problems.add("provisioning " + state + ", expected Succeeded");
        }
        int wantMin = spec.min() == null ? 0 : spec.min();
        int wantMax = spec.max() == null ? 0 : spec.max();
        long min = p.path("minCount").asLong(-1);
        long max = p.path("maxCount").asLong(-1);
        if (!p.path("enableAutoScaling").asBoolean(false)) {
            problems.add("autoscaling off");
        } else if (min != wantMin || max != wantMax) {
            problems.add("autoscaling " + min + ".." + max + ", expected " + wantMin + ".." + wantMax);
        }
        String size = p.path("vmSize").asText();
        if (vmSize != null && !vmSize.equalsIgnoreCase(size)) {
            problems.add("VM size " + size + ", expected " + vmSize);
        }
        String priority = p.path("scaleSetPriority").asText("Regular");
        String wantPriority = spec.capacity() == CapacityType.SPOT ? "Spot" : "Regular";
        if (!wantPriority.equals(priority)) {
            problems.add("priority " + priority + ", expected " + wantPriority);
        }
        if (!problems.isEmpty()) {
            return CheckResult.fail(this, String.join("; ", problems), "run pulumi up to restore the pool (it was changed outside Pulumi, or the update failed)");
        }
        return CheckResult.pass(this, state + ", " + p.path("count").asLong(0) + " node(s) in " + min + ".." + max + " x " + size + ", " + priority);
    }
}
