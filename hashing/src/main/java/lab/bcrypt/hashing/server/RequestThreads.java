package lab.bcrypt.hashing.server;

import java.util.Locale;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Jetty's request pool: a {@link QueuedThreadPool} of at most {@code --max-threads} platform
 * threads whose job queue is unbounded, as Jetty ships it. When every thread is busy, a connection
 * with a new request waits in that queue as a job, before Jetty has read the request.
 *
 * <p>Jetty's request begin time ({@code Request.getBeginNanoTime()}) is taken when a thread starts
 * to parse the request, so it misses that wait, and the wait of the job that opens a new
 * connection. This pool therefore stamps each job with the time it was queued; the job's thread can
 * read the stamp through {@link #jobQueuedAtNanos()} while it runs the job. Jobs that Jetty hands
 * straight to an idle or reserved thread carry no stamp.
 *
 * <p>With {@code --virtual-threads}, Jetty runs handlers on virtual threads through its own support
 * ({@link VirtualThreads}); the platform pool then runs only the acceptor, the selector and Jetty's
 * internal jobs, and the number of handlers running at once has no bound.
 */
final class RequestThreads extends QueuedThreadPool {

    /** Threads kept alive when idle, so a first burst does not pay for thread creation. */
    private static final int MIN_THREADS = 8;

    /** Jetty's default idle timeout for pool threads above the minimum. */
    private static final int IDLE_TIMEOUT_MILLIS = 60_000;

    /** When the job the current thread runs was queued, until a request takes it. */
    private static final ThreadLocal<Long> JOB_QUEUED_AT_NANOS = new ThreadLocal<>();

    private RequestThreads(int maxThreads) {
        super(maxThreads, Math.min(MIN_THREADS, maxThreads), IDLE_TIMEOUT_MILLIS);
        setName("jetty-request");
    }

    /**
     * Creates the pool.
     *
     * @throws StartupException when virtual threads are requested on a JVM without them
     */
    static QueuedThreadPool create(int maxThreads, boolean virtualThreads) {
        RequestThreads pool = new RequestThreads(maxThreads);
        if (virtualThreads) {
            if (!VirtualThreads.areSupported()) {
                throw new StartupException(
                        String.format(
                                Locale.ROOT,
                                "--virtual-threads needs Java 21 or later, but this JVM is %s. Run"
                                        + " the server with a Java 21+ `java`, or drop"
                                        + " --virtual-threads to use platform threads.",
                                Runtime.version()));
            }
            pool.setVirtualThreadsExecutor(
                    VirtualThreads.getNamedVirtualThreadsExecutor("jetty-virtual"));
        }
        return pool;
    }

    @Override
    public void execute(Runnable job) {
        super.execute(new TimedJob(job, System.nanoTime()));
    }

    /**
     * Returns the {@link System#nanoTime()} at which the job running on this thread was queued, or
     * null outside a queued job.
     */
    static Long jobQueuedAtNanos() {
        return JOB_QUEUED_AT_NANOS.get();
    }

    /**
     * Returns {@link #jobQueuedAtNanos()} once and clears it, so that a second request handled by
     * the same job, which did not wait in the queue, gets null.
     */
    static Long takeJobQueuedAtNanos() {
        Long queuedAt = JOB_QUEUED_AT_NANOS.get();
        JOB_QUEUED_AT_NANOS.remove();
        return queuedAt;
    }

    /** A job that stores, for the thread running it, when it was queued. */
    private static final class TimedJob implements Runnable {
        private final Runnable job;
        private final long queuedAtNanos;

        TimedJob(Runnable job, long queuedAtNanos) {
            this.job = job;
            this.queuedAtNanos = queuedAtNanos;
        }

        @Override
        public void run() {
            JOB_QUEUED_AT_NANOS.set(queuedAtNanos);
            try {
                job.run();
            } finally {
                JOB_QUEUED_AT_NANOS.remove();
            }
        }

        @Override
        public String toString() {
            return job.toString();
        }
    }
}
