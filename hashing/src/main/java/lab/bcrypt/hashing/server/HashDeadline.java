package lab.bcrypt.hashing.server;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The deadline of the hashing part of a request, and the rule that a request that got a failure
 * response leaves no trace: bcrypt cannot be interrupted, so a hash whose request stopped waiting
 * runs to its end, but the work after it (the insert of a new user) does not run.
 *
 * <p>The clock starts when the handler hands the hash to the {@link HashExecution}, so it covers
 * the wait in the bcrypt queue and the hash itself, but not the wait for a Jetty request thread.
 *
 * <p>Each attempt is <em>pending</em> until exactly one of two parties claims it: the hash, when it
 * finishes, claims it <em>committed</em> and runs the work after it, whose result is the reply; the
 * timer, at the deadline, claims it <em>abandoned</em> and answers 503 at once. One compare-and-set
 * decides, so a registration either gets its 201 and its row or a 503 and no row, never a 503 and a
 * row. A task that starts after its attempt was abandoned skips the hash. After {@link #close()},
 * which runs once Jetty has stopped, every pending attempt is abandoned when its hash ends.
 */
public final class HashDeadline implements AutoCloseable, MeterBinder {

    /**
     * Default deadline. It is far above what the default queue makes a request wait (16 hashes per
     * bcrypt thread, about 1.3 s at cost 10), so a lab run at default settings never meets it. It
     * still bounds the wait of a client whose hash is stuck behind a much slower cost.
     */
    public static final Duration DEFAULT = Duration.ofSeconds(30);

    private static final int PENDING = 0;
    private static final int COMMITTED = 1;
    private static final int ABANDONED = 2;

    private final Duration deadline;
    private final ScheduledThreadPoolExecutor timer;
    private final LongAdder exceeded = new LongAdder();
    private volatile boolean closed;

    public HashDeadline(Duration deadline) {
        this.deadline = deadline;
        this.timer = new ScheduledThreadPoolExecutor(1, HashDeadline::timerThread);
        // A cancelled timeout leaves the queue at once, so memory follows the requests in flight.
        this.timer.setRemoveOnCancelPolicy(true);
    }

    private static Thread timerThread(Runnable runnable) {
        Thread thread = new Thread(runnable, "hash-deadline");
        thread.setDaemon(true);
        return thread;
    }

    public Duration deadline() {
        return deadline;
    }

    /**
     * Runs {@code hashing} through {@code execution}, then {@code after} with its result, and
     * returns a future of the result of {@code after}. The future fails with {@link
     * HashAbandonedException} at the deadline, or when the hash ends after {@link #close()}; {@code
     * after} then never runs.
     */
    public <T, R> CompletableFuture<R> run(
            HashExecution execution, Supplier<T> hashing, Function<T, R> after) {
        AtomicInteger state = new AtomicInteger(PENDING);
        CompletableFuture<R> result = new CompletableFuture<>();
        ScheduledFuture<?> timeout;
        try {
            timeout =
                    timer.schedule(
                            () -> expire(state, result), deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // The timer stops only in close(), after Jetty has stopped taking requests.
            return CompletableFuture.failedFuture(HashAbandonedException.shutdown());
        }
        execution
                .run(() -> hashThenCommit(state, hashing, after))
                .whenComplete(
                        (value, failure) -> {
                            timeout.cancel(false);
                            if (failure == null) {
                                result.complete(value);
                            } else {
                                result.completeExceptionally(failure);
                            }
                        });
        return result;
    }

    private <T, R> R hashThenCommit(
            AtomicInteger state, Supplier<T> hashing, Function<T, R> after) {
        if (state.get() != PENDING) {
            // The timer sent the 503 while this task waited in the queue: skip the hash.
            throw HashAbandonedException.deadline(deadline);
        }
        T hashed = hashing.get();
        if (closed) {
            state.compareAndSet(PENDING, ABANDONED);
        }
        if (!state.compareAndSet(PENDING, COMMITTED)) {
            throw closed
                    ? HashAbandonedException.shutdown()
                    : HashAbandonedException.deadline(deadline);
        }
        return after.apply(hashed);
    }

    private void expire(AtomicInteger state, CompletableFuture<?> result) {
        if (state.compareAndSet(PENDING, ABANDONED)) {
            exceeded.increment();
            result.completeExceptionally(HashAbandonedException.deadline(deadline));
        }
    }

    /** Returns how many requests got a 503 because their hashing passed the deadline. */
    public long exceededCount() {
        return exceeded.sum();
    }

    /** Registers the counter {@code bcrypt_deadline_exceeded_total}. */
    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("bcrypt.deadline.exceeded", exceeded, LongAdder::doubleValue)
                .description("Requests answered 503 because their hashing passed the deadline")
                .register(registry);
    }

    /**
     * Abandons every attempt whose hash ends from now on, so no user is inserted for a request the
     * stopped server can no longer answer, and stops the timer.
     */
    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
    }
}
