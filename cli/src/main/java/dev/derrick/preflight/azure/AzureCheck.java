package dev.derrick.preflight.azure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.derrick.preflight.Check;
import dev.derrick.preflight.CheckResult;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Base of the Azure checks: the clients, the location, and how failures read. */
abstract class AzureCheck implements Check {
    protected final AzureClients azure;
    protected final String location;
    private final int maxAttempts;

    AzureCheck(AzureClients azure, String location, int maxAttempts) {
        this.azure = azure;
        this.location = location;
        this.maxAttempts = maxAttempts;
    }

    /** The role or permission the check needs, named in the fix when access is denied. */
    String permission() {
        return "Microsoft.Compute/skus/read and Microsoft.Compute/locations/usages/read (e.g. Reader)";
    }

    @Override
    public CheckResult unknown(Throwable failure) {
        return AzureFailures.unknown(this, failure, permission(), maxAttempts);
    }

    /**
     * The virtual machine SKUs of the location: {@code GET /subscriptions/{s}/providers/Microsoft.Compute/skus
     * ?api-version=2021-07-01&$filter=location eq '{loc}'}, following {@code nextLink}
     * (https://learn.microsoft.com/en-us/rest/api/compute/resource-skus/list?view=rest-compute-2021-07-01).
     */
    List<JsonNode> virtualMachineSkus() throws IOException {
        var out = new ArrayList<JsonNode>();
        JsonNode r = azure.get("/subscriptions/" + enc(azure.subscription()) + "/providers/Microsoft.Compute/skus?api-version=2021-07-01&%24filter="
                + enc("location eq '" + location + "'"));
        for (int page = 0; ; page++) {
            if (r == null || !r.path("value").isArray()) {
                throw new AzureClients.UnreadableResponseException("Resource SKUs list without value[]");
            }
            for (JsonNode sku : r.path("value")) {
                if ("virtualMachines".equalsIgnoreCase(sku.path("resourceType").asText())) {
                    out.add(sku);
                }
            }
            String next = r.path("nextLink").asText("");
            if (next.isEmpty() || page >= 50) {
                return out;
            }
            r = azure.get(next);
        }
    }

    static JsonNode find(List<JsonNode> skus, String size) {
        return skus.stream().filter(s -> size.equalsIgnoreCase(s.path("name").asText())).findFirst().orElse(null);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
