package dev.derrick.plan;

import com.pulumi.core.internal.ContextAwareCompletableFuture;
import com.pulumi.deployment.internal.EngineLogger;
import com.pulumi.deployment.internal.Runner;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * A task runner for offline plans. The SDK's own runner waits for a program's in-flight tasks
 * by re-scheduling a polling loop that formats the whole in-flight task map into a log string on
 * every pass, even with logging off; with thousands of resources that loop dominates the run
 * (measured: see docs/ARCHITECTURE.md, "Plan engine performance"). This runner keeps the same
 * contract — run the program, then wait until every registered task has finished, and report the
 * first failure as the run's exception (exit code 32, as the SDK does) — by waiting on the tasks
 * themselves: no polling, no string building. What the program registers does not change.
 */
final class PlanRunner implements Runner {
    /** The SDK's exit code for a failure that was reported to the user. */
    private static final int FAILED = ProcessExitedAfterLoggingUserActionableMessage;

    private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
    private final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
    private final EngineLogger logger;

    PlanRunner(EngineLogger logger) {
        this.logger = logger;
    }

    @Override
    public <T> void registerTask(String description, CompletableFuture<T> task) {
        inFlight.add(task);
        task.whenComplete((value, error) -> {
            if (error != null) {
                failures.add(error);
            }
            inFlight.remove(task);
        });
    }

    @Override
    public <T> CompletableFuture<Result<T>> runAsync(Supplier<T> callback) {
        CompletableFuture<T> value = ContextAwareCompletableFuture.supplyAsync(callback);
        registerTask("program", value);
        return value.thenCompose(v -> drain().thenApply(ignored -> v))
                .handle((v, error) -> {
                    if (error == null && failures.isEmpty()) {
                        return new PlanResult<>(logger.hasLoggedErrors() ? ProcessExitedBeforeLoggingUserActionableMessage : ProcessExitedSuccessfully,
                                List.of(), Optional.ofNullable(v));
                    }
                    var exceptions = new ArrayList<Exception>();
                    Throwable first = error != null ? error : failures.peek();
                    exceptions.add(asException(first));
                    return new PlanResult<>(FAILED, exceptions, Optional.ofNullable(v));
                });
    }

    /** Completes when no task is in flight (or one failed); tasks registered meanwhile are waited for in the next round. */
    private CompletableFuture<Void> drain() {
        while (true) {
            if (!failures.isEmpty()) {
                return CompletableFuture.failedFuture(failures.peek());
            }
            CompletableFuture<?>[] pending = inFlight.stream().filter(f -> !f.isDone()).toArray(CompletableFuture[]::new);
            if (pending.length == 0 && inFlight.isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> all = CompletableFuture.allOf(pending);
            if (!all.isDone()) {
                // Continue on another thread once they finish, so rounds never nest on one stack.
                return all.handle((ignored, error) -> null).thenComposeAsync(ignored -> drain());
            }
            Thread.onSpinWait(); // done futures whose completion callbacks are still removing them
        }
    }

    private static Exception asException(Throwable t) {
        Throwable cur = t;
        while (cur instanceof CompletionException && cur.getCause() != null) {
            cur = cur.getCause();
        }
        return cur instanceof Exception e ? e : new RuntimeException(cur);
    }

    /** {@link Runner.Result} has a protected constructor. */
    private static final class PlanResult<T> extends Result<T> {
        PlanResult(int exitCode, List<Exception> exceptions, Optional<T> result) {
            super(exitCode, exceptions, result);
        }
    }
}
