package dev.derrick.preflight.azure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.derrick.preflight.CheckResult;

/**
 * An explicit storage account name ({@code bucketName} of an Azure store; names are global) is
 * free or already in this subscription: Storage Accounts - Check Name Availability
 * ({@code POST /subscriptions/{s}/providers/Microsoft.Storage/checkNameAvailability}, api-version
 * {@value #API}, body {@code {name, type: Microsoft.Storage/storageAccounts}} -> {@code nameAvailable},
 * {@code reason} AccountNameInvalid | AlreadyExists)
 * (https://learn.microsoft.com/en-us/rest/api/storagerp/storage-accounts/check-name-availability?view=rest-storagerp-2023-05-01);
 * when taken, Storage Accounts - List ({@code value[].name}, {@code nextLink}) tells ours from someone else's
 * (https://learn.microsoft.com/en-us/rest/api/storagerp/storage-accounts/list?view=rest-storagerp-2023-05-01).
 */
final class StorageAccountNameCheck extends AzureCheck {
    static final String API = "2023-05-01";
    private final String store;
    private final String account;

    StorageAccountNameCheck(AzureClients azure, int maxAttempts, String location, String store, String account) {
        super(azure, location, maxAttempts);
        this.store = store;
        this.account = account;
    }

    @Override
    public String id() {
        return "azure.storage-account-name";
    }

    @Override
    public String subject() {
        return store + " " + account;
    }

    @Override
    String permission() {
        return "Microsoft.Storage/checknameavailability/read and Microsoft.Storage/storageAccounts/read (e.g. Reader)";
    }

    @Override
    public CheckResult run() throws Exception {
        String base = "/subscriptions/" + enc(azure.subscription()) + "/providers/Microsoft.Storage";
        JsonNode r = azure.post(base + "/checkNameAvailability?api-version=" + API,
                "{\"name\":\"" + account + "\",\"type\":\"Microsoft.Storage/storageAccounts\"}");
        if (r == null || !r.path("nameAvailable").isBoolean()) {
            throw new AzureClients.UnreadableResponseException("checkNameAvailability without nameAvailable");
        }
        if (r.path("nameAvailable").asBoolean()) {
            return CheckResult.pass(this, "free: pulumi up creates it");
        }
        String reason = r.path("reason").asText("");
        if ("AccountNameInvalid".equals(reason)) {
            return CheckResult.fail(this, "not a valid storage account name (AccountNameInvalid)", "use 3-24 lowercase letters and digits");
        }
        JsonNode page = azure.get(base + "/storageAccounts?api-version=" + API);
        for (int n = 0; page != null && n < 50; n++) {
            if (!page.path("value").isArray()) {
                throw new AzureClients.UnreadableResponseException("storageAccounts list without value[]");
            }
            for (JsonNode a : page.path("value")) {
                if (account.equals(a.path("name").asText())) {
                    return CheckResult.pass(this, "exists in this subscription (" + a.path("location").asText("?") + "): ours");
                }
            }
            String next = page.path("nextLink").asText("");
            page = next.isEmpty() ? null : azure.get(next);
        }
        return CheckResult.fail(this, "taken (" + (reason.isEmpty() ? "not available" : reason) + "): the account exists outside this subscription",
                "choose another bucketName for store " + store + ", or drop bucketName to let Pulumi add a random suffix");
    }
}
