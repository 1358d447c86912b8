package lab.bcrypt.loadgen;

/** Unit conversions at the edge of the report: nanoseconds inside, milliseconds in JSON and CSV. */
final class Units {
    private static final double NANOS_PER_MILLI = 1_000_000.0;
    private static final double NANOS_PER_SECOND = 1_000_000_000.0;

    private Units() {}

    static double toMillis(long nanos) {
        return nanos / NANOS_PER_MILLI;
    }

    static double toMillis(double nanos) {
        return nanos / NANOS_PER_MILLI;
    }

    static double toSeconds(long nanos) {
        return nanos / NANOS_PER_SECOND;
    }

    static long millisToNanos(long millis) {
        return millis * 1_000_000L;
    }
}
