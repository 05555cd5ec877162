package dev.derrick.preflight.azure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.derrick.preflight.CheckResult;
import dev.derrick.preflight.Reason;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The location's vCPU quota covers the stack's pools at max scale. On-demand pools draw on their
 * VM family's quota ({@code family} of the size's Resource SKU, e.g. {@code standardNDSH100v5Family});
 * Spot pools on {@code lowPriorityCores}. Compute usages list, {@code value[]} of
 * {@code name.value}, {@code currentValue}, {@code limit}
 * (https://learn.microsoft.com/en-us/rest/api/compute/usage/list?view=rest-compute-2023-09-01);
 * compares {@code limit - currentValue} with vCPUs at max scale. vCPUs per node from the catalog,
 * else the SKU's {@code vCPUs} capability.
 */
final class VcpuFamilyQuotaCheck extends AzureCheck {
    /** Quota name of Spot (and low-priority) VMs, over all families. */
    static final String SPOT_QUOTA = "lowPriorityCores";

    /** @param vcpus vCPUs per node, or null to read them from the SKU */
    record Demand(String pool, String size, int maxNodes, Integer vcpus) {
    }

    private final boolean spot;
    private final List<Demand> demands;

    VcpuFamilyQuotaCheck(AzureClients azure, int maxAttempts, String location, boolean spot, List<Demand> demands) {
        super(azure, location, maxAttempts);
        this.spot = spot;
        this.demands = List.copyOf(demands);
    }

    @Override
    public String id() {
        return "azure.vcpu-quota";
    }

    @Override
    public String subject() {
        return location + (spot ? " spot (" + SPOT_QUOTA + ")" : " on-demand VM families");
    }

    @Override
    public CheckResult run() throws Exception {
        List<JsonNode> skus = virtualMachineSkus();
        Map<String, Long> needed = new LinkedHashMap<>();
        Map<String, List<String>> how = new LinkedHashMap<>();
        for (Demand d : demands) {
            JsonNode sku = find(skus, d.size());
            Integer vcpus = d.vcpus() != null ? d.vcpus() : sku == null ? null : capability(sku, "vCPUs");
            String quota = spot ? SPOT_QUOTA : sku == null ? null : sku.path("family").asText(null);
            if (quota == null || vcpus == null) {
                return CheckResult.unknown(this, Reason.NOT_PUBLISHED, "Resource SKUs does not list " + d.size() + " in " + location,
                        "check the VM size (azure.vm-size reports the same pool)");
            }
            needed.merge(quota, (long) d.maxNodes() * vcpus, Long::sum);
            how.computeIfAbsent(quota, k -> new ArrayList<>()).add(d.pool() + ": " + d.maxNodes() + " x " + d.size() + " x " + vcpus);
        }
        JsonNode r = azure.get("/subscriptions/" + enc(azure.subscription()) + "/providers/Microsoft.Compute/locations/" + enc(location)
                + "/usages?api-version=2023-09-01");
        if (r == null || !r.path("value").isArray()) {
            throw new AzureClients.UnreadableResponseException("usages list without value[]");
        }
        Map<String, JsonNode> usages = new LinkedHashMap<>();
        for (JsonNode u : r.path("value")) {
            usages.put(u.path("name").path("value").asText(), u);
        }
        var figures = new ArrayList<String>();
        var short_ = new ArrayList<String>();
        for (var e : needed.entrySet()) {
            JsonNode u = usages.get(e.getKey());
            if (u == null) {
                return CheckResult.unknown(this, Reason.NOT_PUBLISHED, "no usage " + e.getKey() + " in " + location + " (needs " + e.getValue() + " vCPUs)",
                        "look the quota up in the portal (Subscriptions > Usage + quotas)");
            }
            if (!u.path("limit").isNumber() || !u.path("currentValue").isNumber()) {
                throw new AzureClients.UnreadableResponseException("usage " + e.getKey() + " without numeric limit and currentValue");
            }
            long limit = u.path("limit").asLong();
            long current = u.path("currentValue").asLong();
            String figure = e.getKey() + " needs " + e.getValue() + " vCPUs at max scale (" + String.join("; ", how.get(e.getKey())) + "), limit "
                    + limit + " with " + current + " in use, " + (limit - current) + " free";
            figures.add(figure);
            if (e.getValue() > limit - current) {
                short_.add(e.getKey() + " >= " + (e.getValue() + current));
            }
        }
        if (!short_.isEmpty()) {
            return CheckResult.fail(this, String.join("; ", figures), "request " + String.join(", ", short_) + " in " + location
                    + " (portal: Subscriptions > Usage + quotas, or az quota create), or lower the pools' max");
        }
        return CheckResult.pass(this, String.join("; ", figures));
    }

    private static Integer capability(JsonNode sku, String name) {
        for (JsonNode c : sku.path("capabilities")) {
            if (name.equals(c.path("name").asText())) {
                try {
                    return Integer.valueOf(c.path("value").asText());
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
