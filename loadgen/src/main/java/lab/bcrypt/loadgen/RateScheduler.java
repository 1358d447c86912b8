package lab.bcrypt.loadgen;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Calls an action at fixed intended times, {@code start + i * period}, on threads of its own.
 *
 * <p>The schedule never slips: when a thread wakes late, the action still receives the intended
 * time, and the caller measures latency from it. That is how the open model and the health probe
 * avoid coordinated omission: a slow response never delays the next send, and a late send is
 * charged to the request rather than hidden. With several threads, thread {@code t} sends the
 * requests {@code t, t + threads, t + 2 * threads, ...}, so the rate one thread can send at does
 * not cap the schedule.
 */
final class RateScheduler {
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopped;

    /** An action that sends request {@code index}, intended for {@code intendedNanos}. */
    interface Action {
        void send(long index, long intendedNanos);
    }

    /**
     * Starts calling {@code action} at {@code ratePerSec} from {@code startNanos} until {@code
     * endNanos} (exclusive) or {@link #stop()}, on one thread.
     */
    RateScheduler(String name, double ratePerSec, long startNanos, long endNanos, Action action) {
        this(name, ratePerSec, startNanos, endNanos, 1, action);
    }

    /** Starts the schedule on {@code threadCount} threads; {@code action} must be thread-safe. */
    RateScheduler(
            String name,
            double ratePerSec,
            long startNanos,
            long endNanos,
            int threadCount,
            Action action) {
        if (!(ratePerSec > 0)) {
            throw new IllegalArgumentException(
                    "Invalid rate " + ratePerSec + " per second: use a positive number.");
        }
        double periodNanos = TimeUnit.SECONDS.toNanos(1) / ratePerSec;
        for (int t = 0; t < threadCount; t++) {
            int first = t;
            Thread thread =
                    new Thread(
                            () ->
                                    loop(
                                            first,
                                            threadCount,
                                            periodNanos,
                                            startNanos,
                                            endNanos,
                                            action),
                            "loadgen-" + name + "-" + t);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
    }

    private void loop(
            long first,
            int stride,
            double periodNanos,
            long startNanos,
            long endNanos,
            Action action) {
        for (long index = first; !stopped; index += stride) {
            long intendedNanos = startNanos + (long) (index * periodNanos);
            if (intendedNanos - endNanos >= 0) {
                return;
            }
            waitUntil(intendedNanos);
            if (stopped) {
                return;
            }
            action.send(index, intendedNanos);
        }
    }

    private void waitUntil(long deadlineNanos) {
        long remaining;
        while (!stopped && (remaining = deadlineNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(this, remaining);
        }
    }

    /** Stops scheduling and waits for the threads; requests already sent keep running. */
    void stop() throws InterruptedException {
        stopped = true;
        threads.forEach(LockSupport::unpark);
        awaitEnd();
    }

    /** Waits until the schedule has reached its end time. */
    void awaitEnd() throws InterruptedException {
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
