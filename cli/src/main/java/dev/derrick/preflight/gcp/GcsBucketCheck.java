package dev.derrick.preflight.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.derrick.config.ObjectStoreSpec;
import dev.derrick.preflight.CheckResult;
import dev.derrick.preflight.StackOutputs;

import java.util.ArrayList;

/**
 * A deployed GCS store is what {@code GcsObjectStore} promised: the bucket exists, versioning as
 * configured, public access prevention {@code enforced}, uniform bucket-level access on, and with
 * {@code encryption: kms} the configured default KMS key (CMEK). One JSON API buckets.get:
 * {@code versioning.enabled}, {@code iamConfiguration.uniformBucketLevelAccess.enabled},
 * {@code iamConfiguration.publicAccessPrevention}, {@code encryption.defaultKmsKeyName}
 * (https://cloud.google.com/storage/docs/json_api/v1/buckets#resource).
 */
final class GcsBucketCheck extends GcpCheck {
    private final ObjectStoreSpec spec;
    private final String output;
    private final String bucket;

    /** @param bucket the bucket from the stack outputs; null when the outputs lack it */
    GcsBucketCheck(GcpClients gcp, String project, int maxAttempts, ObjectStoreSpec spec, String output, String bucket) {
        super(gcp, project, maxAttempts);
        this.spec = spec;
        this.output = output;
        this.bucket = bucket;
    }

    @Override
    public String id() {
        return "gcp.bucket";
    }

    @Override
    public String subject() {
        return spec.name() + (bucket == null ? "" : " gs://" + bucket);
    }

    @Override
    String permission() {
        return "storage.buckets.get (e.g. roles/storage.legacyBucketReader on the bucket)";
    }

    @Override
    public CheckResult run() throws Exception {
        if (bucket == null) {
            return CheckResult.fail(this, "no bucket name in the stack outputs", StackOutputs.missingFix(output));
        }
        JsonNode b = gcp.storage("b/" + enc(bucket));
        if (b == null) {
            return CheckResult.fail(this, "bucket does not exist", "run pulumi up for this stack (or check --outputs is this stack's)");
        }
        if (!bucket.equals(b.path("name").asText())) {
            throw new GcpClients.UnreadableResponseException("buckets.get without this bucket's name");
        }
        var problems = new ArrayList<String>();
        var found = new ArrayList<String>();
        boolean versioned = b.path("versioning").path("enabled").asBoolean(false);
        (versioned == spec.versioning() ? found : problems).add("versioning " + (versioned ? "on" : "off")
                + (versioned == spec.versioning() ? "" : ", expected " + (spec.versioning() ? "on" : "off")));
        JsonNode iam = b.path("iamConfiguration");
        boolean uniform = iam.path("uniformBucketLevelAccess").path("enabled").asBoolean(false);
        (uniform ? found : problems).add("uniform bucket-level access " + (uniform ? "on" : "off"));
        String pap = iam.path("publicAccessPrevention").asText(null);
        boolean enforced = "enforced".equals(pap);
        (enforced ? found : problems).add("public access prevention " + (pap == null ? "unset" : pap)
                + (enforced ? "" : ", expected enforced"));
        String key = b.path("encryption").path("defaultKmsKeyName").asText(null);
        if ("kms".equals(spec.encryption())) {
            boolean ok = key != null && (spec.kmsKeyId() == null || spec.kmsKeyId().equals(key));
            (ok ? found : problems).add("default KMS key " + (key == null ? "not set" : key) + (ok ? "" : ", expected " + spec.kmsKeyId()));
        } else {
            found.add(key == null ? "Google-managed encryption" : "default KMS key " + key);
        }
        if (!problems.isEmpty()) {
            return CheckResult.fail(this, String.join("; ", problems),
                    "run pulumi up to restore the settings (someone changed the bucket outside Pulumi, or the update failed)");
        }
        return CheckResult.pass(this, String.join(", ", found));
    }
}
