package dev.derrick.preflight;

/**
 * The outcome of one {@link Check}.
 *
 * @param id      the check's kind, stable for scripts (e.g. {@code aws.vcpu-quota})
 * @param subject what it looked at (e.g. {@code us-east-1 on-demand P (L-417A185B)})
 * @param status  PASS, FAIL or UNKNOWN
 * @param detail  what was found, with the figures (never a secret)
 * @param fix     what to do about a FAIL (or an UNKNOWN); null on PASS
 * @param reason  why the check could not decide; only on UNKNOWN
 * @param millis  how long the check ran, set by the {@link CheckRunner}
 */
public record CheckResult(String id, String subject, Status status, String detail, String fix, Reason reason, long millis) {

    public static CheckResult pass(Check check, String detail) {
        return new CheckResult(check.id(), check.subject(), Status.PASS, detail, null, null, 0);
    }

    public static CheckResult fail(Check check, String detail, String fix) {
        return new CheckResult(check.id(), check.subject(), Status.FAIL, detail, fix, null, 0);
    }

    public static CheckResult unknown(Check check, Reason reason, String detail, String fix) {
        return new CheckResult(check.id(), check.subject(), Status.UNKNOWN, detail, fix, reason, 0);
    }

    public CheckResult withMillis(long elapsed) {
        return new CheckResult(id, subject, status, detail, fix, reason, elapsed);
    }
}
