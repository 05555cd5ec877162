package dev.derrick.preflight.azure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.derrick.preflight.CheckResult;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A pool's VM size is offered in its location and zones and not restricted for the
 * subscription: Resource SKUs list, {@code value[]} of {@code name}, {@code locationInfo[].zones}
 * and {@code restrictions[]} ({@code type} Location or Zone, {@code restrictionInfo.zones},
 * {@code reasonCode} e.g. NotAvailableForSubscription)
 * (https://learn.microsoft.com/en-us/rest/api/compute/resource-skus/list?view=rest-compute-2021-07-01).
 */
final class VmSizeAvailableCheck extends AzureCheck {
    private final String pool;
    private final String size;
    private final List<String> zones;

    /** @param zones the pool's zones ("1", "2", "3"); empty: no zone asked for */
    VmSizeAvailableCheck(AzureClients azure, int maxAttempts, String location, String pool, String size, List<String> zones) {
        super(azure, location, maxAttempts);
        this.pool = pool;
        this.size = size;
        this.zones = List.copyOf(zones);
    }

    @Override
    public String id() {
        return "azure.vm-size";
    }

    @Override
    public String subject() {
        return pool + " " + size + " in " + location + (zones.isEmpty() ? "" : " zones " + String.join(", ", zones));
    }

    @Override
    public CheckResult run() throws Exception {
        JsonNode sku = find(virtualMachineSkus(), size);
        if (sku == null) {
            return CheckResult.fail(this, size + " is not offered in " + location,
                    "pick another VM size or location (az vm list-skus --location " + location + " --size " + size + ")");
        }
        var offered = new TreeSet<String>();
        for (JsonNode info : sku.path("locationInfo")) {
            if (location.equalsIgnoreCase(info.path("location").asText())) {
                info.path("zones").forEach(z -> offered.add(z.asText()));
            }
        }
        var restrictedZones = new TreeSet<String>();
        for (JsonNode r : sku.path("restrictions")) {
            String reason = r.path("reasonCode").asText("restricted");
            if ("Location".equalsIgnoreCase(r.path("type").asText())) {
                return CheckResult.fail(this, size + " is restricted in " + location + " for this subscription (" + reason + ")",
                        "NotAvailableForSubscription".equals(reason) ? "request access to " + size + " in " + location
                                + " with a support request (quota type: Compute-VM), or pick another location"
                                : "pick another VM size or location");
            }
            if ("Zone".equalsIgnoreCase(r.path("type").asText())) {
                r.path("restrictionInfo").path("zones").forEach(z -> restrictedZones.add(z.asText()));
            }
        }
        offered.removeAll(restrictedZones);
        var missing = new ArrayList<String>();
        for (String z : zones) {
            String zone = z.contains("-") ? z.substring(z.lastIndexOf('-') + 1) : z;
            if (!offered.contains(zone)) {
                missing.add(z);
            }
        }
        if (missing.isEmpty()) {
            return CheckResult.pass(this, "available" + (zones.isEmpty() ? " in " + location : " in all " + zones.size() + " zone(s)"));
        }
        return CheckResult.fail(this, size + " is not available in zone(s) " + String.join(", ", missing) + " of " + location
                        + (offered.isEmpty() ? " (no zone offers it)" : " (available in " + String.join(", ", offered) + ")"),
                offered.isEmpty() ? "drop the pool's zones or pick another VM size" : "set the pool's zones to available ones, e.g. zones: [" + String.join(", ", offered) + "]");
    }
}
