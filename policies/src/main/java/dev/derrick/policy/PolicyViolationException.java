package dev.derrick.policy;

import java.util.List;

/** Mandatory policies failed: thrown inside the Pulumi program so preview/up stop before any change. */
public final class PolicyViolationException extends RuntimeException {
    private final List<Verdict> failures;

    public PolicyViolationException(List<Verdict> failures) {
        super(message(failures), null, false, false);
        this.failures = List.copyOf(failures);
    }

    public List<Verdict> failures() {
        return failures;
    }

    static String message(List<Verdict> failures) {
        var sb = new StringBuilder("mandatory policy violated:");
        for (Verdict v : failures) {
            for (Violation x : v.violations()) {
                sb.append(System.lineSeparator()).append(PolicyPack.line(v, x));
            }
        }
        return sb.toString();
    }
}
