package lab.bcrypt.analysis;

import java.util.Locale;

/**
 * Section 7: the queueing model of {@link QueueModel} against the measurements. Deviations over
 * {@link #FLAG_THRESHOLD} are flagged, with the reason the data supports.
 */
final class ModelSection implements Section {

    /** Deviation beyond which the model and the measurement disagree enough to flag. */
    static final double FLAG_THRESHOLD = 0.15;

    @Override
    public String title() {
        return "Model against measurement";
    }

    @Override
    public void write(ReportContext context, SectionOutput out) {
        Capacity capacity = context.capacity();
        if (capacity.perSec() == null) {
            out.missing("the model needs S from JMH: " + capacity.source());
            return;
        }
        Integer jettyThreads = context.setting("jettyMaxThreads");
        Integer poolSize = context.setting("hashPoolSize");
        if (poolSize == null) {
            out.missing(
                    "environment.json has no `hashPoolSize`, so the offloaded model is unknown");
        }
        out.paragraph(
                String.format(
                        Locale.ROOT,
                        "The model knows only the hash: C = %d cores, S = %s ms per hash (%s). A burst of N"
                                + " runs in waves of P hashes at once; a wave of k takes S·max(1, k/C)."
                                + " P is Jetty's max threads (%s) on the blocking server, where every"
                                + " request hashes on its own thread, and the hash pool (%s) on the"
                                + " offloaded one. So the blocking server's requests share the cores and"
                                + " finish together near N·S/C, while the offloaded server's finish in turn."
                                + " The open model uses the M/D/c Allen-Cunneen approximation with"
                                + " Poisson arrivals. Deviation is measured / model - 1; beyond ±%.0f%% it"
                                + " is flagged.",
                        capacity.cores(),
                        Format.number(capacity.hashMillis()),
                        capacity.source(),
                        jettyThreads == null ? "unknown, taken as N" : jettyThreads.toString(),
                        poolSize == null ? "unknown" : poolSize.toString(),
                        FLAG_THRESHOLD * 100));
        if (capacity.estimate()) {
            out.flag(
                    "S is an estimate scaled from another cost, so every prediction below is too.");
        }
        ModelChecks checks = new ModelChecks(context, out);
        for (int level : context.burstLevels()) {
            checks.burst(level, parallelism(jettyThreads, level), poolSize);
        }
        for (String name : context.experimentNames("open-")) {
            checks.open(name);
        }
        for (String name : context.experimentNames("closed-")) {
            checks.closed(name);
        }
        checks.sequentialRegister();
    }

    private static int parallelism(Integer jettyThreads, int level) {
        return jettyThreads == null ? level : jettyThreads;
    }
}
