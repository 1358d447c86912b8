package lab.bcrypt.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Run settings of a benchmark run. A setting given as a JMH argument on the command line wins over
 * the profile's.
 */
enum RunProfile {

    /**
     * The settings annotated on each benchmark class: 2 forks, 2 warm-up and 3 or 4 measured
     * iterations of 1 s. The class budgets add up to 96 + 42 + 48 + 48 s, about 4 minutes, plus up
     * to 10 s of cost-12 overrun: within 5 minutes on 2 cores.
     */
    FULL("full", RunProfile.FULL_SUMMARY),

    /**
     * One fork, one warm-up and three measured iterations of 200 ms for each of the 19 benchmarks
     * (8 cost, 3 ceiling, 4 hand-off, 4 library): 19 x (about 0.5 s to start a fork + 4 x 0.2 s) =
     * about 25 s. Present rather than precise.
     */
    QUICK("quick", RunProfile.QUICK_SUMMARY);

    /** Summary of the full profile, for the help text and the progress log. */
    static final String FULL_SUMMARY =
            "the settings annotated on each benchmark class (2 forks), about 5 minutes on 2 cores";

    /** Summary of the quick profile, for the help text and the progress log. */
    static final String QUICK_SUMMARY =
            "1 fork, 1 warm-up and 3 measured iterations of 200 ms per benchmark, about 30 s";

    /** One fork keeps each benchmark in a fresh JVM; zero would share one JIT profile. */
    static final int QUICK_FORKS = 1;

    /** One warm-up iteration gets bcrypt's inner loop compiled before the measured ones. */
    static final int QUICK_WARMUP_ITERATIONS = 1;

    /** Three measured iterations, the fewest for which JMH reports an error margin, not NaN. */
    static final int QUICK_MEASUREMENT_ITERATIONS = 3;

    /** Iteration length: about 2 hashes at cost 10 and at least one hash at cost 12. */
    static final TimeValue QUICK_ITERATION_TIME = new TimeValue(200, TimeUnit.MILLISECONDS);

    private final String label;
    private final String summary;

    RunProfile(String label, String summary) {
        this.label = label;
        this.summary = summary;
    }

    /** Returns a short summary of the settings, for the progress log. */
    String summary() {
        return summary;
    }

    /** Adds this profile's settings to {@code builder} where {@code requested} sets none. */
    void applyTo(ChainedOptionsBuilder builder, Options requested) {
        if (this == FULL) {
            return;
        }
        if (!requested.getForkCount().hasValue()) {
            builder.forks(QUICK_FORKS);
        }
        if (!requested.getWarmupIterations().hasValue()) {
            builder.warmupIterations(QUICK_WARMUP_ITERATIONS);
        }
        if (!requested.getWarmupTime().hasValue()) {
            builder.warmupTime(QUICK_ITERATION_TIME);
        }
        if (!requested.getMeasurementIterations().hasValue()) {
            builder.measurementIterations(QUICK_MEASUREMENT_ITERATIONS);
        }
        if (!requested.getMeasurementTime().hasValue()) {
            builder.measurementTime(QUICK_ITERATION_TIME);
        }
    }

    @Override
    public String toString() {
        return label;
    }
}
