package dev.derrick.preflight.gcp;

import dev.derrick.preflight.Check;
import dev.derrick.preflight.CheckResult;
import dev.derrick.preflight.rest.RestClient;
import dev.derrick.preflight.rest.RestFailures;

/** Base of the GCP checks: the Compute Engine API client, the project, and how failures read. */
abstract class GcpCheck implements Check {
    static final String CREDENTIALS_FIX = "set GOOGLE_OAUTH_ACCESS_TOKEN (e.g. to the output of `gcloud auth print-access-token`)";
    protected final RestClient compute;
    protected final String project;

    GcpCheck(RestClient compute, String project) {
        this.compute = compute;
        this.project = project;
    }

    @Override
    public CheckResult unknown(Throwable failure) {
        return RestFailures.unknown(this, failure, CREDENTIALS_FIX, "compute.acceleratorTypes.get and compute.regions.get (e.g. roles/compute.viewer)",
                "check the endpoint (--endpoint gcp=URL or DERRICK_GCP_ENDPOINT)");
    }
}
