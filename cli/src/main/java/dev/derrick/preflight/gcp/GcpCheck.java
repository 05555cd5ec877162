package dev.derrick.preflight.gcp;

import dev.derrick.preflight.Check;
import dev.derrick.preflight.CheckResult;

/** Base of the GCP checks: the clients, the project, and how failures read. */
abstract class GcpCheck implements Check {
    protected final GcpClients gcp;
    protected final String project;
    private final int maxAttempts;

    GcpCheck(GcpClients gcp, String project, int maxAttempts) {
        this.gcp = gcp;
        this.project = project;
        this.maxAttempts = maxAttempts;
    }

    /** The IAM permission the check needs, named in the fix when access is denied. */
    abstract String permission();

    @Override
    public CheckResult unknown(Throwable failure) {
        return GcpFailures.unknown(this, failure, permission(), maxAttempts);
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
