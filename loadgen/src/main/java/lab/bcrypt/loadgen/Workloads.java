package lab.bcrypt.loadgen;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load models. Each opens its own {@link LoadClient}, so connections never carry over from one
 * experiment to the next.
 */
final class Workloads {
    /**
     * Time to wait for the last responses beyond the request timeout, for the client's own timer.
     */
    static final long COMPLETION_GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);

    /**
     * Connections the open model may hold: enough for a server stall of two seconds at 1000
     * requests per second. Past this, requests queue in the client, which still counts their wait
     * because latency runs from the intended send time.
     */
    static final int OPEN_MAX_CONNECTIONS = 2000;

    /**
     * Threads that send the open model's schedule, so one slow send does not delay the next ones.
     * In scripts/client-check.sh on the busy 2-core lab machine, one thread reached about 3300
     * health requests per second and four about 3800.
     */
    static final int OPEN_SENDER_THREADS = 4;

    private Workloads() {}

    /**
     * Sequential: {@code count} requests, one at a time; the next is sent when the previous one
     * completes. Kept-alive connection unless {@code newConnectionPerRequest}.
     */
    static Workload sequential(int count, boolean newConnectionPerRequest) {
        return new Workload() {
            @Override
            public Result run(ExperimentContext context) throws InterruptedException {
                context.progress().expect(count);
                InFlight inFlight = new InFlight();
                long timeout = context.settings().requestTimeoutNanos() + COMPLETION_GRACE_NANOS;
                try (LoadClient client =
                        new LoadClient(
                                context.spec().target(),
                                1,
                                newConnectionPerRequest,
                                "sequential")) {
                    for (int i = 0; i < count; i++) {
                        context.send(client, System.nanoTime(), inFlight);
                        if (!inFlight.awaitZero(timeout)) {
                            return Result.plain(inFlight.count());
                        }
                    }
                }
                return Result.plain(0);
            }
        };
    }

    /**
     * Warm-up: {@code registrations} sequential registrations, then a burst of {@code healthBurst}
     * health requests. The registrations warm the server's hashing and database paths; the health
     * burst warms both sides' connection handling at the largest burst size without hashing. Both
     * are recorded in the warm-up's summary, which no report counts.
     */
    static Workload warmup(int registrations, int healthBurst) {
        Workload sequential = sequential(registrations, false);
        Workload burst = new BurstWorkload(healthBurst, Endpoint.HEALTH);
        return new Workload() {
            @Override
            public Result run(ExperimentContext context) throws InterruptedException {
                Result first = sequential.run(context);
                if (healthBurst <= 0) {
                    return first;
                }
                Result second = burst.run(context);
                return Result.plain(first.notCompleted() + second.notCompleted());
            }
        };
    }

    /** Burst: {@code level} requests sent at once, each on its own connection. */
    static Workload burst(int level) {
        return new BurstWorkload(level);
    }

    /**
     * Closed: {@code users} users, each sending its next request as soon as the previous one
     * completes, until {@code durationNanos} has passed. The server's speed sets the rate.
     */
    static Workload closed(int users, long durationNanos) {
        return new Workload() {
            @Override
            public Result run(ExperimentContext context) throws InterruptedException {
                InFlight inFlight = new InFlight();
                long endNanos = System.nanoTime() + durationNanos;
                long timeout =
                        durationNanos
                                + context.settings().requestTimeoutNanos()
                                + COMPLETION_GRACE_NANOS;
                try (LoadClient client =
                        new LoadClient(context.spec().target(), users, false, "closed")) {
                    for (int user = 0; user < users; user++) {
                        sendAsUser(context, client, inFlight, endNanos);
                    }
                    boolean complete = inFlight.awaitZero(timeout);
                    return Result.plain(complete ? 0 : inFlight.count());
                }
            }
        };
    }

    private static void sendAsUser(
            ExperimentContext context, LoadClient client, InFlight inFlight, long endNanos) {
        Runnable next =
                () -> {
                    if (System.nanoTime() - endNanos < 0) {
                        sendAsUser(context, client, inFlight, endNanos);
                    }
                };
        context.send(
                client,
                context.spec().endpoint(),
                System.nanoTime(),
                context.nextBody(),
                inFlight,
                next);
    }

    /**
     * Open: requests at {@code ratePerSec} for {@code durationNanos}, whatever the server does.
     * Latency runs from each request's intended send time; the actual send time gives the service
     * time and the send lag.
     */
    static Workload open(double ratePerSec, long durationNanos) {
        return new Workload() {
            @Override
            public boolean keepsServiceTime() {
                return true;
            }

            @Override
            public Result run(ExperimentContext context) throws InterruptedException {
                long expected = (long) Math.ceil(ratePerSec * Units.toSeconds(durationNanos));
                context.progress().expect(expected);
                InFlight inFlight = new InFlight();
                AtomicLong sent = new AtomicLong();
                long timeout = context.settings().requestTimeoutNanos() + COMPLETION_GRACE_NANOS;
                try (LoadClient client =
                        new LoadClient(
                                context.spec().target(), OPEN_MAX_CONNECTIONS, false, "open")) {
                    long startNanos = System.nanoTime();
                    RateScheduler scheduler =
                            new RateScheduler(
                                    "open",
                                    ratePerSec,
                                    startNanos,
                                    startNanos + durationNanos,
                                    OPEN_SENDER_THREADS,
                                    (index, intendedNanos) -> {
                                        context.send(client, intendedNanos, inFlight);
                                        sent.incrementAndGet();
                                    });
                    scheduler.awaitEnd();
                    // A client that fell behind sends its last request after the duration, so
                    // the achieved rate is over the real sending time.
                    long sendingNanos = Math.max(durationNanos, System.nanoTime() - startNanos);
                    double achieved = sent.get() / Units.toSeconds(sendingNanos);
                    boolean complete = inFlight.awaitZero(timeout);
                    return new Result(null, achieved, complete ? 0 : inFlight.count(), null);
                }
            }
        };
    }
}
