package lab.bcrypt.loadgen;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Burst: {@code level} requests sent at once, each on its own connection, then a wait for all.
 *
 * <p>Three steps keep the burst sharp. The connections are opened first, before the burst's clock
 * starts, because opening 1000 connections one after another takes the client most of a second on a
 * busy 2-core machine. Each request carries {@code Connection: close}, so no connection serves two
 * requests. And {@value #DISPATCH_THREADS} threads send the requests in parallel from one start
 * signal, because a server with a hundred hashing threads leaves a single sending thread a small
 * share of the CPU. Every request's intended send time is the burst's start, so the remaining
 * dispatch time shows as send lag and counts in the latency.
 */
final class BurstWorkload implements Workload {
    /** Parallel senders: a few more runnable threads than the cores of a small test machine. */
    static final int DISPATCH_THREADS = 4;

    private final int level;
    private final Endpoint endpointOverride;

    /** A burst to the experiment's endpoint. */
    BurstWorkload(int level) {
        this(level, null);
    }

    /** A burst to {@code endpoint} whatever the experiment's endpoint, for the warm-up. */
    BurstWorkload(int level, Endpoint endpoint) {
        this.level = level;
        this.endpointOverride = endpoint;
    }

    @Override
    public boolean keepsServiceTime() {
        return true;
    }

    @Override
    public Result run(ExperimentContext context) throws InterruptedException {
        context.progress().expect(level);
        List<String> bodies = new ArrayList<>(level);
        Endpoint endpoint = endpointOverride != null ? endpointOverride : context.spec().endpoint();
        for (int i = 0; i < level; i++) {
            bodies.add(endpoint == Endpoint.REGISTER ? context.nextRegistrationBody() : null);
        }
        InFlight inFlight = new InFlight();
        long timeout = context.settings().requestTimeoutNanos() + Workloads.COMPLETION_GRACE_NANOS;
        try (LoadClient client = new LoadClient(context.spec().target(), level, true, "burst")) {
            long preconnectStart = System.nanoTime();
            client.preconnect(level, context.settings().requestTimeoutNanos());
            long startNanos = dispatch(context, client, endpoint, bodies, inFlight);
            boolean complete = inFlight.awaitZero(timeout);
            long makespan = context.recorder().lastEndNanos() - startNanos;
            return new Result(
                    Math.max(0, makespan),
                    null,
                    complete ? 0 : inFlight.count(),
                    startNanos - preconnectStart);
        }
    }

    /** Sends every body from {@link #DISPATCH_THREADS} threads; returns the burst's start. */
    private static long dispatch(
            ExperimentContext context,
            LoadClient client,
            Endpoint endpoint,
            List<String> bodies,
            InFlight inFlight)
            throws InterruptedException {
        int threads = Math.min(DISPATCH_THREADS, bodies.size());
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        long[] start = new long[1];
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<String> slice = slice(bodies, t, threads);
            Thread sender =
                    new Thread(
                            () -> {
                                ready.countDown();
                                awaitQuietly(go);
                                for (String body : slice) {
                                    context.send(client, endpoint, start[0], body, inFlight, null);
                                }
                            },
                            "loadgen-burst-" + t);
            sender.setDaemon(true);
            sender.start();
            senders.add(sender);
        }
        ready.await();
        start[0] = System.nanoTime();
        go.countDown();
        for (Thread sender : senders) {
            sender.join();
        }
        return start[0];
    }

    private static List<String> slice(List<String> bodies, int index, int count) {
        List<String> slice = new ArrayList<>();
        for (int i = index; i < bodies.size(); i += count) {
            slice.add(bodies.get(i));
        }
        return slice;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
