package dev.derrick.preflight.rest;

import dev.derrick.preflight.Check;
import dev.derrick.preflight.CheckResult;
import dev.derrick.preflight.Reason;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Reads a {@link RestClient} failure as an UNKNOWN result, with the same reasons as the AWS
 * checks. Only HTTP statuses, error codes and exception types go into the text.
 */
public final class RestFailures {
    private RestFailures() {
    }

    /**
     * @param credentialsFix how to supply credentials (names the env variables)
     * @param permission     the role or permission the check needs, named when access is denied
     * @param endpointFix    how to point the check at another endpoint
     */
    public static CheckResult unknown(Check check, Throwable failure, String credentialsFix, String permission, String endpointFix) {
        Throwable e = failure;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof RestClient.NoCredentialsException) {
            return CheckResult.unknown(check, Reason.NO_CREDENTIALS, "no credentials", credentialsFix);
        }
        if (e instanceof HttpConnectTimeoutException || e instanceof HttpTimeoutException || e instanceof InterruptedException) {
            return CheckResult.unknown(check, Reason.TIMED_OUT, "no answer in time (" + e.getClass().getSimpleName() + ")",
                    "check the endpoint and network, or raise --timeout");
        }
        if (e instanceof RestClient.UnreadableResponseException u) {
            return unreadable(check, u.status());
        }
        if (e instanceof RestClient.HttpStatusException h) {
            String what = (h.code() != null ? h.code() : "error") + " (HTTP " + h.status() + ")";
            if (h.retryAfter() != null && (h.status() == 429 || h.status() == 503)) {
                return CheckResult.unknown(check, Reason.THROTTLED, what + ": the server asks to retry after "
                        + h.retryAfter().toSeconds() + " s, beyond --timeout", "run again later, or lower --parallelism");
            }
            if (h.status() == 429) {
                return CheckResult.unknown(check, Reason.THROTTLED, what + " after " + h.attempts() + " attempt(s)",
                        "run again later, or lower --parallelism");
            }
            if (h.status() == 401) {
                return CheckResult.unknown(check, Reason.NO_CREDENTIALS, "credentials rejected: " + what, credentialsFix);
            }
            if (h.status() == 403) {
                return CheckResult.unknown(check, Reason.ACCESS_DENIED, what, "grant the caller " + permission);
            }
            if (h.status() >= 500) {
                return CheckResult.unknown(check, Reason.SERVICE_ERROR, what + " after " + h.attempts() + " attempt(s)", "run again later");
            }
            return CheckResult.unknown(check, Reason.SERVICE_ERROR, "unexpected answer " + what, "run again with --debug");
        }
        if (has(e, ConnectException.class)) {
            return CheckResult.unknown(check, Reason.ENDPOINT_REFUSED, "connection refused", endpointFix);
        }
        if (has(e, UnknownHostException.class)) {
            return CheckResult.unknown(check, Reason.ENDPOINT_REFUSED, "unknown host", "check the endpoint and DNS");
        }
        if (e instanceof java.io.IOException) {
            return CheckResult.unknown(check, Reason.SERVICE_ERROR, "client error (" + e.getClass().getSimpleName() + ")", "run again with --debug");
        }
        return CheckResult.unknown(check, Reason.INTERNAL, e.getClass().getSimpleName(), "run again with --debug and report it");
    }

    /** A 2xx answer whose body is not what the API documents: UNKNOWN, never PASS or FAIL. */
    public static CheckResult unreadable(Check check, int status) {
        return CheckResult.unknown(check, Reason.UNREADABLE_RESPONSE, "HTTP " + status + " with a body that is not the API's documented answer",
                "check the endpoint (a proxy or captive portal may answer in its place) and run again");
    }

    /** A status a check does not read itself (401, 403, other 4xx) as a failure for {@link #unknown}. */
    public static RestClient.HttpStatusException unexpected(RestClient.Response r) {
        return new RestClient.HttpStatusException(r.status(), RestClient.errorCode(r.body()), 1);
    }

    private static boolean has(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
