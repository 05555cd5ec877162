package dev.derrick.preflight.azure;

import static dev.derrick.preflight.HttpFailures.byStatus;
import static dev.derrick.preflight.HttpFailures.causedBy;
import static dev.derrick.preflight.HttpFailures.rootName;

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
        if (causedBy(e, ClientAuthenticationException.class)) {
            return CheckResult.unknown(check, Reason.NO_CREDENTIALS, "DefaultAzureCredential found none that works", CREDENTIALS_FIX);
        }
        if (e instanceof AzureClients.UnreadableResponseException u) {
            return CheckResult.unknown(check, Reason.UNREADABLE_RESPONSE, "unreadable response (" + u.getMessage() + ")", "run again with --debug");
        }
        String attempts = "after up to " + maxAttempts + " attempt(s)";
        if (e instanceof AzureClients.ApiException a) {
            return byStatus(check, a.status, a.code, "after " + a.attempts + " attempt(s)", permission, CREDENTIALS_FIX);
        }
        if (e instanceof BlobStorageException b) {
            return byStatus(check, b.getStatusCode(), b.getErrorCode() == null ? null : b.getErrorCode().toString(), attempts, permission, CREDENTIALS_FIX);
        }
        if (e instanceof InterruptedException || causedBy(e, InterruptedIOException.class) || causedBy(e, TimeoutException.class)) {
            return CheckResult.unknown(check, Reason.TIMED_OUT, "no answer in time (" + rootName(e) + ")", "check the endpoint and network, or raise --timeout");
        }
        if (causedBy(e, ConnectException.class)) {
            return CheckResult.unknown(check, Reason.ENDPOINT_REFUSED, "connection refused", "check the endpoint (--endpoint azure=URL or DERRICK_AZURE_ENDPOINT)");
        }
        if (causedBy(e, UnknownHostException.class)) {
            return CheckResult.unknown(check, Reason.ENDPOINT_REFUSED, "unknown host", "check the endpoint and DNS");
        }
        if (causedBy(e, IOException.class)) {
            return CheckResult.unknown(check, Reason.SERVICE_ERROR, "client error (" + rootName(e) + ")", "run again with --debug");
        }
        return CheckResult.unknown(check, Reason.INTERNAL, e.getClass().getSimpleName(), "run again with --debug and report it");
    }
}
