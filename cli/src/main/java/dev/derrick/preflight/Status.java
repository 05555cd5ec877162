package dev.derrick.preflight;

/** The verdict of one check. */
public enum Status {
    /** What was checked holds. */
    PASS,
    /** What was checked does not hold; the result names the figure and the fix. Exit code 4. */
    FAIL,
    /** The check could not decide (no credentials, throttled, timed out, endpoint refused, ...). Printed, exit code 0. */
    UNKNOWN
}
