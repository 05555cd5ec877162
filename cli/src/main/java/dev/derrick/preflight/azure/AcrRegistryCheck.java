package dev.derrick.preflight.azure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.derrick.config.RegistrySpec;
import dev.derrick.preflight.CheckResult;
import dev.derrick.preflight.StackOutputs;

import java.util.ArrayList;

/**
 * A deployed ACR registry is what {@code AcrRegistry} promised: the {@value #SKU} SKU, the admin
 * user off, the retention policy for untagged manifests enabled with {@code untaggedExpireDays}.
 * The registry is found by its login server (the stack output; its resource group is not exported)
 * in Registries - List of the subscription (api-version {@value #API}: {@code value[]} of
 * {@code sku.name}, {@code properties.loginServer}, {@code properties.adminUserEnabled},
 * {@code properties.policies.retentionPolicy.status/days}; {@code nextLink})
 * (https://learn.microsoft.com/en-us/rest/api/containerregistry/registries/list?view=rest-containerregistry-2023-07-01).
 * ACR names are Pulumi's auto-names, so there is no preflight name check.
 */
final class AcrRegistryCheck extends AzureCheck {
    static final String API = "2023-07-01";
    static final String SKU = dev.derrick.azure.AcrRegistry.SKU;
    private final RegistrySpec spec;
    private final String output;
    private final String loginServer;

    AcrRegistryCheck(AzureClients azure, int maxAttempts, RegistrySpec spec, String output, String loginServer) {
        super(azure, spec.region(), maxAttempts);
        this.spec = spec;
        this.output = output;
        this.loginServer = loginServer;
    }

    @Override
    public String id() {
        return "azure.registry-settings";
    }

    @Override
    public String subject() {
        return "acr " + spec.name() + (loginServer == null ? "" : " " + loginServer);
    }

    @Override
    String permission() {
        return "Microsoft.ContainerRegistry/registries/read (e.g. Reader)";
    }

    @Override
    public CheckResult run() throws Exception {
        if (loginServer == null) {
            return CheckResult.fail(this, "no login server in the stack outputs", StackOutputs.missingFix(output));
        }
        JsonNode registry = null;
        JsonNode page = azure.get("/subscriptions/" + enc(azure.subscription()) + "/providers/Microsoft.ContainerRegistry/registries?api-version=" + API);
        for (int n = 0; page != null && registry == null && n < 50; n++) {
            if (!page.path("value").isArray()) {
                throw new AzureClients.UnreadableResponseException("registries list without value[]");
            }
            for (JsonNode r : page.path("value")) {
                if (loginServer.equalsIgnoreCase(r.path("properties").path("loginServer").asText())) {
                    registry = r;
                }
            }
            String next = page.path("nextLink").asText("");
            page = registry != null || next.isEmpty() ? null : azure.get(next);
        }
        if (registry == null) {
            return CheckResult.fail(this, "no registry with login server " + loginServer + " in this subscription",
                    "run pulumi up for this stack (or check --outputs and AZURE_SUBSCRIPTION_ID are this stack's)");
        }
        var problems = new ArrayList<String>();
        var found = new ArrayList<String>();
        String sku = registry.path("sku").path("name").asText("?");
        (SKU.equals(sku) ? found : problems).add("SKU " + sku + (SKU.equals(sku) ? "" : ", expected " + SKU));
        boolean admin = registry.path("properties").path("adminUserEnabled").asBoolean(false);
        (admin ? problems : found).add("admin user " + (admin ? "on, expected off" : "off"));
        JsonNode retention = registry.path("properties").path("policies").path("retentionPolicy");
        String status = retention.path("status").asText("disabled");
        long days = retention.path("days").asLong(-1);
        if (!"enabled".equalsIgnoreCase(status) || days != spec.untaggedExpireDays()) {
            problems.add("retention " + status + (days < 0 ? "" : " " + days + " days") + ", expected enabled " + spec.untaggedExpireDays() + " days");
        } else {
            found.add("untagged manifests kept " + days + " days");
        }
        if (!problems.isEmpty()) {
            return CheckResult.fail(this, String.join("; ", problems), "run pulumi up to restore the registry's settings");
        }
        return CheckResult.pass(this, String.join(", ", found));
    }
}
