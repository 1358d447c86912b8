package lab.bcrypt.hashing;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs bcrypt on a bounded executor of its own and returns {@link CompletableFuture}s, so the
 * caller's thread is free while a hash runs.
 *
 * <p>The executor has a fixed number of threads named {@code bcrypt-N} and a bounded FIFO queue. A
 * task is <em>active</em> while a bcrypt thread runs it and <em>queued</em> while it waits for one.
 * When all threads are active and the queue is full, the hand-off is <em>rejected</em>: the
 * returned future completes exceptionally with {@link HashingOverloadedException} at once and the
 * task never runs. The executor never grows and never borrows the common pool.
 */
public final class OffloadedHasher implements AutoCloseable, MeterBinder {

    /** Tag value of the {@code name} tag on the executor's metrics. */
    public static final String METRICS_NAME = "bcrypt";

    /**
     * Default queue length per bcrypt thread. A queued task waits about this many hash times before
     * it starts: at cost 10 (about 80 ms per hash, favre bcrypt 0.10.2 on Java 17 on the 2-core lab
     * machine, one timed hash) that is about 1.3 s. Past that wait a fast 503 serves a client
     * better than a response that arrives after its own timeout.
     */
    public static final int DEFAULT_QUEUED_TASKS_PER_THREAD = 16;

    /**
     * Largest pool accepted. bcrypt is CPU-bound, so threads beyond the cores add no throughput,
     * and the pool starts all its threads at once. 1024 is 16 threads per core on a 64-core
     * machine, room for oversubscription experiments, while a typo such as 100000 cannot leave the
     * server creating threads for minutes before it listens.
     */
    public static final int MAX_POOL_SIZE = 1024;

    /**
     * Largest queue accepted: the default queue of the largest pool. Each queued task keeps its
     * request open (a body of up to 4 KiB and Jetty's connection state), and at cost 10 on 2 cores
     * the last of 16384 tasks would wait about 16384 × 80 ms / 2 = 11 minutes, past any client's
     * timeout.
     */
    public static final int MAX_QUEUE_CAPACITY = MAX_POOL_SIZE * DEFAULT_QUEUED_TASKS_PER_THREAD;

    /** How long {@link #close()} waits for started and queued hashes before giving up on them. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(OffloadedHasher.class);

    private final PasswordHasher hasher;
    private final ThreadPoolExecutor executor;
    private final int poolSize;
    private final int queueCapacity;
    private final LongAdder rejected = new LongAdder();

    /**
     * Creates a hasher with {@code poolSize} bcrypt threads and a queue of {@code queueCapacity}
     * waiting tasks.
     *
     * @throws IllegalArgumentException when a size lies outside 1..{@link #MAX_POOL_SIZE} or
     *     1..{@link #MAX_QUEUE_CAPACITY}
     */
    public OffloadedHasher(PasswordHasher hasher, int poolSize, int queueCapacity) {
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.poolSize = requireInRange("pool size", poolSize, MAX_POOL_SIZE);
        this.queueCapacity = requireInRange("queue capacity", queueCapacity, MAX_QUEUE_CAPACITY);
        this.executor =
                new ThreadPoolExecutor(
                        poolSize,
                        poolSize,
                        0L,
                        TimeUnit.MILLISECONDS,
                        new ArrayBlockingQueue<>(queueCapacity),
                        new NamedThreadFactory(METRICS_NAME),
                        new ThreadPoolExecutor.AbortPolicy());
        this.executor.prestartAllCoreThreads();
    }

    /** Default pool size: one bcrypt thread per available processor, since bcrypt is CPU-bound. */
    public static int defaultPoolSize() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Default queue capacity for {@code poolSize} threads; see {@link
     * #DEFAULT_QUEUED_TASKS_PER_THREAD}.
     */
    public static int defaultQueueCapacity(int poolSize) {
        return Math.multiplyExact(poolSize, DEFAULT_QUEUED_TASKS_PER_THREAD);
    }

    /** Hashes {@code password} on a bcrypt thread; see {@link PasswordHasher#hash}. */
    public CompletableFuture<String> hash(String password) {
        return submit(() -> hasher.hash(password));
    }

    /**
     * Verifies {@code password} against {@code hash} on a bcrypt thread; see {@link
     * PasswordHasher#verify}.
     */
    public CompletableFuture<Boolean> verify(String password, String hash) {
        return submit(() -> hasher.verify(password, hash));
    }

    /**
     * Hands {@code task} to a bcrypt thread and returns a future of its result. The future
     * completes on the bcrypt thread, with the task's exception if it throws, or at once with
     * {@link HashingOverloadedException} if the queue is full.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public <T> CompletableFuture<T> submit(Supplier<T> task) {
        CompletableFuture<T> future = new CompletableFuture<>();
        try {
            executor.execute(() -> complete(future, task));
        } catch (RejectedExecutionException e) {
            if (executor.isShutdown()) {
                throw new IllegalStateException("OffloadedHasher is closed; create a new one.", e);
            }
            rejected.increment();
            future.completeExceptionally(new HashingOverloadedException(poolSize, queueCapacity));
        }
        return future;
    }

    private static <T> void complete(CompletableFuture<T> future, Supplier<T> task) {
        try {
            future.complete(task.get());
        } catch (Throwable t) { // NOPMD: any failure must reach the caller, or it waits forever
            future.completeExceptionally(t);
        }
    }

    /** Returns the synchronous hasher the bcrypt threads call. */
    public PasswordHasher hasher() {
        return hasher;
    }

    /** Returns the number of bcrypt threads. */
    public int poolSize() {
        return poolSize;
    }

    /** Returns how many tasks the queue takes before a hand-off is rejected. */
    public int queueCapacity() {
        return queueCapacity;
    }

    /** Returns the number of tasks waiting for a bcrypt thread now. */
    public int queuedTasks() {
        return executor.getQueue().size();
    }

    /** Returns the approximate number of bcrypt threads running a task now. */
    public int activeThreads() {
        return executor.getActiveCount();
    }

    /** Returns the number of hand-offs rejected because the queue was full, since creation. */
    public long rejectedCount() {
        return rejected.sum();
    }

    /**
     * Registers the executor's gauges ({@code executor_active_threads}, {@code
     * executor_queued_tasks}, {@code executor_completed_tasks_total}, ... tagged {@code
     * name="bcrypt"}) and the counter {@code bcrypt_rejected_total}.
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        new ExecutorServiceMetrics(executor, METRICS_NAME, Tags.empty()).bindTo(registry);
        FunctionCounter.builder("bcrypt.rejected", rejected, LongAdder::doubleValue)
                .description("Hand-offs rejected because the bcrypt queue was full")
                .register(registry);
    }

    /**
     * Stops taking tasks and waits up to 30 s for started and queued ones to finish. bcrypt cannot
     * be interrupted, so a hash still running after that keeps its daemon thread until it ends.
     */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                int dropped = executor.shutdownNow().size();
                LOG.warn(
                        "bcrypt executor did not finish within {} ms; dropped {} queued tasks",
                        CLOSE_TIMEOUT.toMillis(),
                        dropped);
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static int requireInRange(String name, int value, int max) {
        if (value < 1 || value > max) {
            throw new IllegalArgumentException(
                    String.format(Locale.ROOT, "Invalid %s %d: use 1-%d.", name, value, max));
        }
        return value;
    }

    /** Creates daemon threads named {@code PREFIX-1}, {@code PREFIX-2}, ... */
    private static final class NamedThreadFactory implements ThreadFactory {
        private final String prefix;
        private final AtomicInteger next = new AtomicInteger(1);

        NamedThreadFactory(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable runnable) {
            Thread thread = new Thread(runnable, prefix + "-" + next.getAndIncrement());
            // Daemon, so a hasher left open never keeps a JVM alive on its own.
            thread.setDaemon(true);
            return thread;
        }
    }
}
