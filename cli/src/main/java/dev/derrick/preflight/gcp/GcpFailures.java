package dev.derrick.preflight.gcp;

import static dev.derrick.preflight.HttpFailures.byStatus;
import static dev.derrick.preflight.HttpFailures.causedBy;
import static dev.derrick.preflight.HttpFailures.rootName;

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
        if (causedBy(e, GcpClients.NoCredentialsException.class)) {
            return CheckResult.unknown(check, Reason.NO_CREDENTIALS, "Application Default Credentials found none", CREDENTIALS_FIX);
        }
        if (e instanceof GcpClients.UnreadableResponseException u) {
            return CheckResult.unknown(check, Reason.UNREADABLE_RESPONSE, "unreadable response (" + u.getMessage() + ")", "run again with --debug");
        }
        if (e instanceof GcpClients.ApiException a) {
            return byStatus(check, a.status, a.code, "after " + a.attempts + " attempt(s)", permission, CREDENTIALS_FIX);
        }
        if (e instanceof InterruptedException || e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException)
                || causedBy(e, SocketTimeoutException.class)) {
            return CheckResult.unknown(check, Reason.TIMED_OUT, "no answer in time (" + rootName(e) + ")", "check the endpoint and network, or raise --timeout");
        }
        if (causedBy(e, ConnectException.class)) {
            return CheckResult.unknown(check, Reason.ENDPOINT_REFUSED, "connection refused", ENDPOINT_FIX);
        }
        if (causedBy(e, UnknownHostException.class)) {
            return CheckResult.unknown(check, Reason.ENDPOINT_REFUSED, "unknown host", "check the endpoint and DNS");
        }
        if (e instanceof IOException) {
            return CheckResult.unknown(check, Reason.SERVICE_ERROR, "client error (" + rootName(e) + ")", "run again with --debug");
        }
        return CheckResult.unknown(check, Reason.INTERNAL, e.getClass().getSimpleName(), "run again with --debug and report it");
    }
}
