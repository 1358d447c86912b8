package lab.bcrypt.loadgen;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The settings of one matrix run, identical for both servers.
 *
 * @param capacityDurationNanos how long the closed-model step that measures capacity runs
 * @param openDurationNanos how long each open-model step runs
 * @param openPercents the open-model rates as percentages of the measured capacity
 */
record MatrixProfile(
        String name,
        int cost,
        int warmupCount,
        int sequentialCount,
        List<Integer> burstLevels,
        long capacityDurationNanos,
        double probeRatePerSec,
        long openDurationNanos,
        List<Integer> openPercents,
        long requestTimeoutNanos,
        long probeTimeoutNanos) {

    /**
     * Quick: cost 4, about a millisecond a hash, so the whole matrix for both servers takes about a
     * minute on 2 cores (55.9 s measured on the lab's 2-core machine). The burst of 1000 stays,
     * because it is the case the lab is about.
     */
    static MatrixProfile quick() {
        return new MatrixProfile(
                "quick",
                4,
                50,
                50,
                List.of(10, 100, 1000),
                TimeUnit.SECONDS.toNanos(3),
                CommonOptions.DEFAULT_PROBE_RATE,
                TimeUnit.SECONDS.toNanos(5),
                List.of(50, 90),
                TimeUnit.SECONDS.toNanos(60),
                TimeUnit.SECONDS.toNanos(30));
    }

    /**
     * Full: cost 10, the hashing module's default. The bursts of 1000 and the four 40-second
     * open-model steps take most of the time. The whole matrix for both servers took 309 s on the
     * lab's 2-core machine while other work loaded it, inside the 8 minutes the lab budgets.
     */
    static MatrixProfile full() {
        return new MatrixProfile(
                "full",
                10,
                20,
                100,
                List.of(10, 100, 1000),
                TimeUnit.SECONDS.toNanos(10),
                CommonOptions.DEFAULT_PROBE_RATE,
                TimeUnit.SECONDS.toNanos(40),
                List.of(50, 90),
                TimeUnit.SECONDS.toNanos(120),
                TimeUnit.SECONDS.toNanos(30));
    }

    /**
     * Users of the closed-model step that measures capacity: two per core keep every core hashing
     * on either server while staying far below the offloaded server's queue bound.
     */
    int capacityUsers() {
        return 2 * Runtime.getRuntime().availableProcessors();
    }

    MatrixProfile withCost(int newCost) {
        return new MatrixProfile(
                name,
                newCost,
                warmupCount,
                sequentialCount,
                burstLevels,
                capacityDurationNanos,
                probeRatePerSec,
                openDurationNanos,
                openPercents,
                requestTimeoutNanos,
                probeTimeoutNanos);
    }
}
