package dev.derrick.preflight;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs checks in parallel: at most {@code parallelism} at once, each bounded by {@code timeout}
 * from its start. A check still running at its deadline is reported UNKNOWN (timed out) and its
 * thread is interrupted and abandoned, and its slot goes to the next check, so one hung endpoint
 * cannot hold up the run: the run ends within {@code ceil(checks / parallelism) * timeout}.
 */
public final class CheckRunner {
    private final CheckLimits limits;
    private final Consumer<CheckResult> onFinished;

    /**
     * @param onFinished called once per check as it finishes (from the finishing thread, one call at a time)
     */
    public CheckRunner(CheckLimits limits, Consumer<CheckResult> onFinished) {
        this.limits = limits;
        this.onFinished = onFinished;
    }

    public CheckReport run(List<Check> checks) {
        long t0 = System.nanoTime();
        var futures = new ArrayList<CompletableFuture<CheckResult>>();
        if (checks.isEmpty()) {
            return new CheckReport(List.of(), 0);
        }
        // Threads are not pooled: a thread stuck in an abandoned check must not block a later one.
        ExecutorService threads = Executors.newCachedThreadPool(daemon("derrick-check"));
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(daemon("derrick-check-watchdog"));
        Semaphore slots = new Semaphore(limits.parallelism());
        Object progressLock = new Object();
        Duration timeout = limits.timeout();
        try {
            for (Check check : checks) {
                var result = new CompletableFuture<CheckResult>();
                futures.add(result);
                slots.acquireUninterruptibly();
                result.whenComplete((r, e) -> {
                    slots.release();
                    synchronized (progressLock) {
                        onFinished.accept(r);
                    }
                });
                threads.execute(() -> runOne(check, result, watchdog, timeout));
            }
            var results = new ArrayList<CheckResult>();
            for (var f : futures) {
                results.add(f.join());
            }
            return new CheckReport(results, elapsedMillis(t0));
        } finally {
            watchdog.shutdownNow();
            threads.shutdownNow();
        }
    }

    private static void runOne(Check check, CompletableFuture<CheckResult> result, ScheduledExecutorService watchdog, Duration timeout) {
        long start = System.nanoTime();
        Thread worker = Thread.currentThread();
        var deadline = watchdog.schedule(() -> {
            var late = CheckResult.unknown(check, Reason.TIMED_OUT, "no answer within " + seconds(timeout) + " (retries included)",
                    "check the endpoint and network, or raise --timeout").withMillis(elapsedMillis(start));
            if (result.complete(late)) {
                worker.interrupt();
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        CheckResult r;
        try {
            r = check.run();
            if (r == null) {
                r = CheckResult.unknown(check, Reason.INTERNAL, "the check returned nothing", null);
            }
        } catch (Exception | LinkageError e) {
            r = safeUnknown(check, e);
        }
        deadline.cancel(false);
        result.complete(r.withMillis(elapsedMillis(start)));
        Thread.interrupted();
    }

    private static CheckResult safeUnknown(Check check, Throwable e) {
        try {
            return check.unknown(e);
        } catch (RuntimeException again) {
            return CheckResult.unknown(check, Reason.INTERNAL, e.getClass().getSimpleName(), "run with --debug and report it");
        }
    }

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private static long elapsedMillis(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    private static ThreadFactory daemon(String name) {
        var n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
