package dev.derrick.preflight.gcp;

import dev.derrick.preflight.Check;
import dev.derrick.preflight.CheckResult;
import dev.derrick.preflight.Reason;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/**
 * Reads a Google client failure as an UNKNOWN result, with the same reasons as the AWS checks.
 * Only HTTP statuses, error codes and exception types go into the text, never messages (they can
 * quote request details) or tokens.
 */
final class GcpFailures {
    static final String CREDENTIALS_FIX = "run `gcloud auth application-default login`, or set GOOGLE_APPLICATION_CREDENTIALS "
            + "to a service-account key file (Application Default Credentials)";
    static final String ENDPOINT_FIX = "check the endpoint (--endpoint gcp=URL or DERRICK_GCP_ENDPOINT)";

    private GcpFailures() {
    }

    static CheckResult unknown(Check check, Throwable failure, String permission, int maxAttempts) {
        Throwable e = failure;
        while ((e instanceof java.util.concurrent.CompletionException || e instanceof java.util.concurrent.ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        if (has(e, GcpClients.NoCredentialsException.class)) {
            return CheckResult.unknown(check, Reason.NO_CREDENTIALS, "Application Default Credentials found none", CREDENTIALS_FIX);
        }
        if (e instanceof GcpClients.UnreadableResponseException u) {
            return CheckResult.unknown(check, Reason.UNREADABLE_RESPONSE, "unreadable response (" + u.getMessage() + ")", "run again with --debug");
        }
        if (e instanceof GcpClients.ApiException a) {
            return byStatus(check, a.status, a.code, "after " + a.attempts + " attempt(s)", permission);
        }
        if (e instanceof InterruptedException || e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException)
                || has(e, SocketTimeoutException.class)) {
            return CheckResult.unknown(check, Reason.TIMED_OUT, "no answer in time (" + rootName(e) + ")", "check the endpoint and network, or raise --timeout");
        }
        if (has(e, ConnectException.class)) {
            return CheckResult.unknown(check, Reason.ENDPOINT_REFUSED, "connection refused", ENDPOINT_FIX);
        }
        if (has(e, UnknownHostException.class)) {
            return CheckResult.unknown(check, Reason.ENDPOINT_REFUSED, "unknown host", "check the endpoint and DNS");
        }
        if (e instanceof IOException) {
            return CheckResult.unknown(check, Reason.SERVICE_ERROR, "client error (" + rootName(e) + ")", "run again with --debug");
        }
        return CheckResult.unknown(check, Reason.INTERNAL, e.getClass().getSimpleName(), "run again with --debug and report it");
    }

    private static CheckResult byStatus(Check check, int status, String code, String attempts, String permission) {
        String what = (code != null && !code.isBlank() ? code : "error") + " (HTTP " + status + ")";
        if (status == 429) {
            return CheckResult.unknown(check, Reason.THROTTLED, what + " " + attempts, "run again later, or lower --parallelism");
        }
        if (status == 401) {
            return CheckResult.unknown(check, Reason.NO_CREDENTIALS, "credentials rejected: " + what, CREDENTIALS_FIX);
        }
        if (status == 403) {
            return CheckResult.unknown(check, Reason.ACCESS_DENIED, what, "grant the caller " + permission);
        }
        if (status >= 500) {
            return CheckResult.unknown(check, Reason.SERVICE_ERROR, what + " " + attempts, "run again later");
        }
        return CheckResult.unknown(check, Reason.SERVICE_ERROR, "unexpected answer " + what, "run again with --debug");
    }

    private static boolean has(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static String rootName(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getClass().getSimpleName();
    }
}
