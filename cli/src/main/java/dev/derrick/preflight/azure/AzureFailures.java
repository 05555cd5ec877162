package dev.derrick.preflight.azure;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.storage.blob.models.BlobStorageException;
import dev.derrick.preflight.Check;
import dev.derrick.preflight.CheckResult;
import dev.derrick.preflight.Reason;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

/**
 * Reads an Azure SDK failure as an UNKNOWN result, with the same reasons as the AWS checks. Only
 * HTTP statuses, error codes and exception types go into the text, never messages or tokens.
 */
final class AzureFailures {
    static final String CREDENTIALS_FIX = "run `az login` (or set AZURE_CLIENT_ID, AZURE_TENANT_ID and AZURE_CLIENT_SECRET, "
            + "or use workload identity) and set AZURE_SUBSCRIPTION_ID";

    private AzureFailures() {
    }

    static CheckResult unknown(Check check, Throwable failure, String permission, int maxAttempts) {
        Throwable e = failure;
        while ((e instanceof java.util.concurrent.CompletionException || e instanceof java.util.concurrent.ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof AzureClients.NoCredentialsException n) {
            return CheckResult.unknown(check, Reason.NO_CREDENTIALS, n.getMessage(), CREDENTIALS_FIX);
        }
        if (has(e, ClientAuthenticationException.class)) {
            return CheckResult.unknown(check, Reason.NO_CREDENTIALS, "DefaultAzureCredential found none that works", CREDENTIALS_FIX);
        }
        if (e instanceof AzureClients.UnreadableResponseException u) {
            return CheckResult.unknown(check, Reason.UNREADABLE_RESPONSE, "unreadable response (" + u.getMessage() + ")", "run again with --debug");
        }
        String attempts = "after up to " + maxAttempts + " attempt(s)";
        if (e instanceof AzureClients.ApiException a) {
            return byStatus(check, a.status, a.code, "after " + a.attempts + " attempt(s)", permission);
        }
        if (e instanceof BlobStorageException b) {
            return byStatus(check, b.getStatusCode(), b.getErrorCode() == null ? null : b.getErrorCode().toString(), attempts, permission);
        }
        if (e instanceof InterruptedException || has(e, InterruptedIOException.class) || has(e, TimeoutException.class)) {
            return CheckResult.unknown(check, Reason.TIMED_OUT, "no answer in time (" + rootName(e) + ")", "check the endpoint and network, or raise --timeout");
        }
        if (has(e, ConnectException.class)) {
            return CheckResult.unknown(check, Reason.ENDPOINT_REFUSED, "connection refused", "check the endpoint (--endpoint azure=URL or DERRICK_AZURE_ENDPOINT)");
        }
        if (has(e, UnknownHostException.class)) {
            return CheckResult.unknown(check, Reason.ENDPOINT_REFUSED, "unknown host", "check the endpoint and DNS");
        }
        if (has(e, IOException.class)) {
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
            for (Throwable s : c.getSuppressed()) {
                if (type.isInstance(s)) {
                    return true;
                }
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
