package dev.derrick.policy;

import java.util.List;

/** A policy's result on one stack. */
public record Verdict(Policy policy, Enforcement enforcement, List<Violation> violations) {
    public enum Status { PASS, FAIL, WARN, SKIPPED }

    public Status status() {
        if (enforcement == Enforcement.DISABLED) {
            return Status.SKIPPED;
        }
        if (violations.isEmpty()) {
            return Status.PASS;
        }
        return enforcement == Enforcement.MANDATORY ? Status.FAIL : Status.WARN;
    }
}
