package lab.bcrypt.analysis;

/** Matches an experiment to the lines of its server's perf log. */
final class PerfWindow {

    /**
     * Slack after an experiment's end, in milliseconds, for the clocks of client and server: a
     * request's {@code ts} is when the server first saw it. The window never reaches into the next
     * experiment of the same server.
     */
    static final long END_SLACK_MILLIS = 500;

    static final String HEALTH_PATH = "/api/health";
    static final String REGISTER_PATH = "/api/users/register";

    private PerfWindow() {}

    /** Returns the server-side statistics of the experiment's own endpoint, or null. */
    static PerfLog.WindowStats of(ServerResults server, Experiment experiment) {
        String path = experiment.endpoint().equals("health") ? HEALTH_PATH : REGISTER_PATH;
        return of(server, experiment, path);
    }

    /** Returns the server-side statistics of one path during the experiment, or null. */
    static PerfLog.WindowStats of(ServerResults server, Experiment experiment, String path) {
        if (server.perfLog().isEmpty() || experiment.startEpochMs() <= 0) {
            return null;
        }
        long endEpochMs = experiment.endEpochMs() + END_SLACK_MILLIS;
        Long nextStart = server.nextStartAfter(experiment.startEpochMs());
        if (nextStart != null) {
            endEpochMs = Math.min(endEpochMs, nextStart - 1);
        }
        return server.perfLog().window(path, experiment.startEpochMs(), endEpochMs);
    }
}
