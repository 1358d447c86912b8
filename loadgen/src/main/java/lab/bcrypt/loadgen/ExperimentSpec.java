package lab.bcrypt.loadgen;

/**
 * What one experiment is: the names written to {@code summary.json} and the settings that shape its
 * load.
 *
 * @param server the server label, for example {@code blocking}
 * @param experiment the directory name, for example {@code burst-1000}
 * @param kind {@code sequential}, {@code burst}, {@code closed}, {@code open} or {@code warmup}
 * @param concurrency requests in flight by design, or null for the open model
 * @param targetRatePerSec the open model's requested rate, or null
 */
record ExperimentSpec(
        String server,
        String experiment,
        String kind,
        Endpoint endpoint,
        String target,
        boolean warmup,
        Integer concurrency,
        Double targetRatePerSec) {}
