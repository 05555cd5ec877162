package dev.derrick.preflight;

import java.time.Duration;

/**
 * How long and how often checks may try.
 *
 * @param parallelism checks running at once; default {@value #DEFAULT_PARALLELISM}
 * @param timeout     wall-time bound of one check, retries included; default 20 s. A check still
 *                    running then is reported UNKNOWN (timed out) and abandoned.
 * @param maxAttempts attempts per API call (the first one plus retries), with jittered
 *                    exponential backoff; default {@value #DEFAULT_MAX_ATTEMPTS}
 */
public record CheckLimits(int parallelism, Duration timeout, int maxAttempts) {
    public static final int DEFAULT_PARALLELISM = 16;
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    public CheckLimits {
        parallelism = parallelism <= 0 ? DEFAULT_PARALLELISM : parallelism;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        maxAttempts = maxAttempts <= 0 ? DEFAULT_MAX_ATTEMPTS : maxAttempts;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
    }

    public static CheckLimits defaults() {
        return new CheckLimits(0, null, 0);
    }

    /**
     * Time for one attempt of one API call: the check's budget split over its attempts, so
     * retries still fit in the check's timeout (at least 1 s).
     */
    public Duration attemptTimeout() {
        long ms = Math.max(1000, timeout.toMillis() / maxAttempts);
        return Duration.ofMillis(Math.min(ms, timeout.toMillis()));
    }
}
