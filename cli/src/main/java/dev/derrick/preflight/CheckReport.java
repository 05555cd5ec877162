package dev.derrick.preflight;

import java.util.List;

/**
 * Every result of one run, in the order the checks were given, and the run's wall time.
 *
 * @param results    one per check
 * @param wallMillis wall time of the whole run (all checks in parallel)
 */
public record CheckReport(List<CheckResult> results, long wallMillis) {
    public CheckReport {
        results = List.copyOf(results);
    }

    public long count(Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

    public boolean anyFailed() {
        return count(Status.FAIL) > 0;
    }

    /** The longest single check: with enough parallelism the run takes about this long. */
    public long slowestMillis() {
        return results.stream().mapToLong(CheckResult::millis).max().orElse(0);
    }
}
