package dev.derrick.preflight;

/**
 * What the GCP and Azure checks share when a cloud answers with an HTTP error or a client fails: the status to reason
 * mapping (429 throttled, 401 credentials, 403 access, 5xx service) and the walk through an exception's causes.
 */
public final class HttpFailures {
    private HttpFailures() {
    }

    /**
     * The UNKNOWN result of an HTTP error status.
     *
     * @param code           the API's error code, if it sent one
     * @param attempts       how many attempts the SDK's retry policy made, for the message
     * @param permission     what the caller must be granted, for a 403
     * @param credentialsFix how to log in on this cloud, for a 401
     */
    public static CheckResult byStatus(Check check, int status, String code, String attempts, String permission, String credentialsFix) {
        String what = (code != null && !code.isBlank() ? code : "error") + " (HTTP " + status + ")";
        if (status == 429) {
            return CheckResult.unknown(check, Reason.THROTTLED, what + " " + attempts, "run again later, or lower --parallelism");
        }
        if (status == 401) {
            return CheckResult.unknown(check, Reason.NO_CREDENTIALS, "credentials rejected: " + what, credentialsFix);
        }
        if (status == 403) {
            return CheckResult.unknown(check, Reason.ACCESS_DENIED, what, "grant the caller " + permission);
        }
        if (status >= 500) {
            return CheckResult.unknown(check, Reason.SERVICE_ERROR, what + " " + attempts, "run again later");
        }
        return CheckResult.unknown(check, Reason.SERVICE_ERROR, "unexpected answer " + what, "run again with --debug");
    }

    /** Whether {@code t}, one of its causes or a suppressed exception of them is a {@code type}. */
    public static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
            for (Throwable s : c.getSuppressed()) {
                if (type.isInstance(s)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The simple class name of the deepest cause. */
    public static String rootName(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getClass().getSimpleName();
    }
}
