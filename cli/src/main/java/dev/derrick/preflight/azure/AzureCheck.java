package dev.derrick.preflight.azure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.derrick.preflight.Check;
import dev.derrick.preflight.CheckResult;
import dev.derrick.preflight.rest.RestClient;
import dev.derrick.preflight.rest.RestFailures;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Base of the Azure checks: the Resource Manager client, subscription and location, and how failures read. */
abstract class AzureCheck implements Check {
    static final String CREDENTIALS_FIX = "set AZURE_SUBSCRIPTION_ID and AZURE_ACCESS_TOKEN "
            + "(e.g. az account get-access-token --query accessToken -o tsv)";
    protected final RestClient arm;
    protected final String subscription;
    protected final String location;

    AzureCheck(RestClient arm, String subscription, String location) {
        this.arm = arm;
        this.subscription = subscription;
        this.location = location;
    }

    @Override
    public CheckResult unknown(Throwable failure) {
        return RestFailures.unknown(this, failure, CREDENTIALS_FIX, "Microsoft.Compute/skus/read and Microsoft.Compute/locations/usages/read (e.g. Reader)",
                "check the endpoint (--endpoint azure=URL or DERRICK_AZURE_ENDPOINT)");
    }

    /**
     * The virtual machine SKUs of the location: {@code GET /subscriptions/{s}/providers/Microsoft.Compute/skus
     * ?api-version=2021-07-01&$filter=location eq '{loc}'}, following {@code nextLink}
     * (https://learn.microsoft.com/en-us/rest/api/compute/resource-skus/list?view=rest-compute-2021-07-01).
     */
    List<JsonNode> virtualMachineSkus() throws IOException, InterruptedException {
        var out = new ArrayList<JsonNode>();
        RestClient.Response r = arm.get("/subscriptions/" + enc(subscription) + "/providers/Microsoft.Compute/skus?api-version=2021-07-01&%24filter="
                + enc("location eq '" + location + "'"));
        for (int page = 0; ; page++) {
            if (r.status() != 200 || r.body() == null) {
                throw RestFailures.unexpected(r);
            }
            for (JsonNode sku : r.body().path("value")) {
                if ("virtualMachines".equalsIgnoreCase(sku.path("resourceType").asText())) {
                    out.add(sku);
                }
            }
            String next = r.body().path("nextLink").asText("");
            if (next.isEmpty() || page >= 50) {
                return out;
            }
            r = arm.get(URI.create(next));
        }
    }

    static JsonNode find(List<JsonNode> skus, String size) {
        return skus.stream().filter(s -> size.equalsIgnoreCase(s.path("name").asText())).findFirst().orElse(null);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
