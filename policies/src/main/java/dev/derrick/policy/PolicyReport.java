package dev.derrick.policy;

import java.util.List;

/** Every policy's verdict on one stack. */
public record PolicyReport(List<Verdict> verdicts) {
    public PolicyReport {
        verdicts = List.copyOf(verdicts);
    }

    public List<Verdict> failures() {
        return verdicts.stream().filter(v -> v.status() == Verdict.Status.FAIL).toList();
    }

    public List<Verdict> warnings() {
        return verdicts.stream().filter(v -> v.status() == Verdict.Status.WARN).toList();
    }

    public boolean mandatoryFailed() {
        return !failures().isEmpty();
    }
}
