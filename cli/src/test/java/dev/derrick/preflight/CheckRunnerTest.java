package dev.derrick.preflight;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class CheckRunnerTest {

    /** A check that sleeps, then passes (or throws). */
    record Sleeper(String name, long millis, RuntimeException failure) implements Check {
        @Override
        public String id() {
            return "test.sleep";
        }

        @Override
        public String subject() {
            return name;
        }

        @Override
        public CheckResult run() throws Exception {
            Thread.sleep(millis);
            if (failure != null) {
                throw failure;
            }
            return CheckResult.pass(this, "slept " + millis + " ms");
        }

        @Override
        public CheckResult unknown(Throwable e) {
            return CheckResult.unknown(this, Reason.SERVICE_ERROR, e.getMessage(), null);
        }
    }

    @Test
    void run_whenChecksAreIndependent_takesAboutAsLongAsTheSlowest() {
        var checks = new ArrayList<Check>();
        for (int i = 0; i < 8; i++) {
            checks.add(new Sleeper("c" + i, 300, null));
        }
        CheckReport report = new CheckRunner(new CheckLimits(8, Duration.ofSeconds(5), 1), r -> { }).run(checks);

        assertThat(report.count(Status.PASS)).isEqualTo(8);
        assertThat(report.wallMillis()).as("8 x 300 ms in parallel").isLessThan(1200);
        assertThat(report.slowestMillis()).isGreaterThanOrEqualTo(300);
    }

    @Test
    void run_whenParallelismIsBounded_runsAtMostThatManyAtOnce() {
        var checks = new ArrayList<Check>();
        for (int i = 0; i < 4; i++) {
            checks.add(new Sleeper("c" + i, 200, null));
        }
        CheckReport report = new CheckRunner(new CheckLimits(2, Duration.ofSeconds(5), 1), r -> { }).run(checks);

        assertThat(report.wallMillis()).as("two waves of 200 ms").isBetween(390L, 1500L);
    }

    @Test
    void run_whenACheckHangs_reportsItTimedOutAndStaysWithinTheBound() {
        var checks = List.<Check>of(new Sleeper("hang", 60_000, null), new Sleeper("quick", 10, null));
        CheckReport report = new CheckRunner(new CheckLimits(4, Duration.ofMillis(500), 1), r -> { }).run(checks);

        assertThat(report.results().get(0).status()).isEqualTo(Status.UNKNOWN);
        assertThat(report.results().get(0).reason()).isEqualTo(Reason.TIMED_OUT);
        assertThat(report.results().get(1).status()).isEqualTo(Status.PASS);
        assertThat(report.wallMillis()).isLessThan(2000);
    }

    @Test
    void run_whenACheckThrows_reportsTheCheckUnknownReading() {
        CheckReport report = new CheckRunner(CheckLimits.defaults(), r -> { })
                .run(List.of(new Sleeper("boom", 1, new IllegalStateException("throttled, say")), new Sleeper("ok", 1, null)));

        assertThat(report.results()).extracting(CheckResult::status).containsExactly(Status.UNKNOWN, Status.PASS);
        assertThat(report.results().get(0).detail()).isEqualTo("throttled, say");
        assertThat(report.anyFailed()).isFalse();
    }

    @Test
    void run_reportsProgressOncePerCheckAndKeepsResultsInInputOrder() {
        var seen = Collections.synchronizedList(new ArrayList<String>());
        var calls = new AtomicInteger();
        var checks = List.<Check>of(new Sleeper("slow", 200, null), new Sleeper("fast", 1, null), new Sleeper("hang", 10_000, null));
        CheckReport report = new CheckRunner(new CheckLimits(3, Duration.ofMillis(600), 1), r -> {
            calls.incrementAndGet();
            seen.add(r.subject());
        }).run(checks);

        assertThat(calls.get()).isEqualTo(3);
        assertThat(seen).containsExactly("fast", "slow", "hang");
        assertThat(report.results()).extracting(CheckResult::subject).containsExactly("slow", "fast", "hang");
    }
}
