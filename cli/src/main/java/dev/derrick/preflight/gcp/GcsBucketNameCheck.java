package dev.derrick.preflight.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.derrick.preflight.CheckResult;

/**
 * An explicit bucket name is free or already ours (Cloud Storage names are global): JSON API
 * buckets.get, 404 free (Pulumi creates it), 200 ours (these credentials read it
 * in this project), 403 taken by someone else (https://cloud.google.com/storage/docs/json_api/v1/buckets/get).
 */
final class GcsBucketNameCheck extends GcpCheck {
    private final String store;
    private final String bucket;

    GcsBucketNameCheck(GcpClients gcp, String project, int maxAttempts, String store, String bucket) {
        super(gcp, project, maxAttempts);
        this.store = store;
        this.bucket = bucket;
    }

    @Override
    public String id() {
        return "gcp.bucket-name";
    }

    @Override
    public String subject() {
        return store + " gs://" + bucket;
    }

    @Override
    String permission() {
        return "storage.buckets.get (e.g. roles/storage.admin on the project)";
    }

    @Override
    public CheckResult run() throws Exception {
        JsonNode found;
        try {
            found = gcp.storage("b/" + enc(bucket) + "?fields=name");
        } catch (GcpClients.ApiException e) {
            if (e.status == 403) {
                return CheckResult.fail(this, "taken (HTTP 403): the bucket exists and these credentials cannot read it",
                        "choose another bucketName for store " + store + ", or drop bucketName to let Pulumi add a random suffix");
            }
            throw e;
        }
        if (found == null) {
            return CheckResult.pass(this, "free (HTTP 404): pulumi up creates it");
        }
        if (!bucket.equals(found.path("name").asText())) {
            throw new GcpClients.UnreadableResponseException("buckets.get answered another bucket");
        }
        return CheckResult.pass(this, "exists and these credentials read it (HTTP 200): ours");
    }
}
