package lab.bcrypt.loadgen;

import java.util.concurrent.TimeUnit;

/** Counts requests in flight, so an experiment can wait for the last response before it ends. */
final class InFlight {
    private long count;

    synchronized void started() {
        count++;
    }

    synchronized void finished() {
        count--;
        if (count == 0) {
            notifyAll();
        }
    }

    synchronized long count() {
        return count;
    }

    /** Waits until no request is in flight; returns false if the timeout passed first. */
    synchronized boolean awaitZero(long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (count > 0) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, remaining);
        }
        return true;
    }
}
