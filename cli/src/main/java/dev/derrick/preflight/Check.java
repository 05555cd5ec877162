package dev.derrick.preflight;

/**
 * One live check against a cloud API: a preflight check (before {@code pulumi up}: credentials,
 * instance type in zone, quota, names free) or a verify check (after it: what the stack promised).
 * Checks are independent, so the {@link CheckRunner} runs them in parallel.
 */
public interface Check {
    /** The kind of check, stable for scripts: {@code <cloud>.<what>}, e.g. {@code aws.instance-type}. */
    String id();

    /** What this instance looks at, e.g. {@code train/h100 p5.48xlarge in us-east-1a}. */
    String subject();

    /**
     * Runs the check. Failures the check does not handle itself (no credentials, throttling,
     * timeouts, refused connections) propagate and become {@link #unknown(Throwable)}.
     */
    CheckResult run() throws Exception;

    /** The UNKNOWN result for a failure {@link #run()} did not handle; the cloud's SDK knows how to read it. */
    CheckResult unknown(Throwable failure);
}
