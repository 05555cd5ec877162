package dev.derrick.preflight.aws;

import java.time.Duration;

/** A 429 or 503 whose Retry-After is beyond the check's time bound: throttled, not timed out. */
final class ThrottledResponse extends RuntimeException {
    final int status;
    final Duration retryAfter;

    ThrottledResponse(int status, Duration retryAfter) {
        super("HTTP " + status + ", Retry-After " + retryAfter.toSeconds() + " s", null, false, false);
        this.status = status;
        this.retryAfter = retryAfter;
    }
}
