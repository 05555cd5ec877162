package dev.derrick.preflight.aws;

import dev.derrick.preflight.Check;
import dev.derrick.preflight.CheckResult;
import dev.derrick.preflight.Reason;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Set;

/**
 * Reads an AWS SDK failure as an UNKNOWN result. Only error codes, HTTP statuses and exception
 * types go into the text: SDK messages can quote request details, so they are never printed.
 */
final class AwsFailures {
    private static final Set<String> REJECTED_CREDENTIALS = Set.of("InvalidClientTokenId", "UnrecognizedClientException",
            "ExpiredToken", "ExpiredTokenException", "SignatureDoesNotMatch", "InvalidAccessKeyId", "AuthFailure",
            "InvalidSignatureException", "IncompleteSignature");
    private static final Set<String> DENIED = Set.of("AccessDenied", "AccessDeniedException", "UnauthorizedOperation",
            "UnauthorizedException", "Forbidden");

    private AwsFailures() {
    }

    static CheckResult unknown(Check check, Throwable failure, String permission) {
        Throwable e = unwrap(failure);
        UnreadableResponse unreadable = find(e, UnreadableResponse.class);
        if (unreadable != null) {
            return CheckResult.unknown(check, Reason.UNREADABLE_RESPONSE, unreadable.getMessage(),
                    "check the endpoint (a proxy or captive portal may answer in its place) and run again");
        }
        ThrottledResponse throttled = find(e, ThrottledResponse.class);
        if (throttled != null) {
            return CheckResult.unknown(check, Reason.THROTTLED, "HTTP " + throttled.status + ": the service asks to retry after "
                    + throttled.retryAfter.toSeconds() + " s, beyond --timeout", "run again later, or lower --parallelism");
        }
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException || e instanceof AbortedException
                || e instanceof InterruptedException || has(e, SocketTimeoutException.class)) {
            return CheckResult.unknown(check, Reason.TIMED_OUT, "no answer in time (" + e.getClass().getSimpleName() + ")",
                    "check the endpoint and network, or raise --timeout");
        }
        if (e instanceof AwsServiceException ase) {
            String code = ase.awsErrorDetails() != null ? ase.awsErrorDetails().errorCode() : null;
            int status = ase.statusCode();
            String what = (code != null ? code : "error") + " (HTTP " + status + ")";
            if (ase.isThrottlingException() || status == 429) {
                return CheckResult.unknown(check, Reason.THROTTLED, what + " after " + attempts(ase) + " attempt(s)",
                        "run again later, or lower --parallelism");
            }
            if (code != null && REJECTED_CREDENTIALS.contains(code)) {
                return CheckResult.unknown(check, Reason.NO_CREDENTIALS, "credentials rejected: " + what,
                        "refresh the credentials (aws sso login, or new keys) and run again");
            }
            if ((code != null && DENIED.contains(code)) || status == 403) {
                return CheckResult.unknown(check, Reason.ACCESS_DENIED, what, permission == null ? "grant the caller read access"
                        : "grant the caller " + permission);
            }
            if (status >= 500) {
                return CheckResult.unknown(check, Reason.SERVICE_ERROR, what + " after " + attempts(ase) + " attempt(s)", "run again later");
            }
            return CheckResult.unknown(check, Reason.SERVICE_ERROR, "unexpected answer " + what, "run again with --debug");
        }
        if (e instanceof SdkClientException sce) {
            String m = sce.getMessage() == null ? "" : sce.getMessage();
            if (m.startsWith("Unable to load credentials") || m.contains("Unable to load credentials")) {
                return CheckResult.unknown(check, Reason.NO_CREDENTIALS, "no AWS credentials in the default chain",
                        "set AWS_PROFILE (aws sso login / aws configure) or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
            }
            if (has(e, ConnectException.class)) {
                return CheckResult.unknown(check, Reason.ENDPOINT_REFUSED, "connection refused", "check the endpoint (--endpoint aws=URL or DERRICK_AWS_ENDPOINT)");
            }
            if (has(e, UnknownHostException.class)) {
                return CheckResult.unknown(check, Reason.ENDPOINT_REFUSED, "unknown host", "check the endpoint and DNS");
            }
            return CheckResult.unknown(check, Reason.SERVICE_ERROR, "client error (" + rootName(e) + ")", "run again with --debug");
        }
        return CheckResult.unknown(check, Reason.INTERNAL, e.getClass().getSimpleName(), "run again with --debug and report it");
    }

    private static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof java.util.concurrent.CompletionException || e instanceof java.util.concurrent.ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    private static int attempts(AwsServiceException e) {
        return e.numAttempts() != null ? e.numAttempts() : 1;
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    private static boolean has(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
            for (Throwable s : c.getSuppressed()) {
                if (type.isInstance(s) || type.isInstance(s.getCause())) {
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
