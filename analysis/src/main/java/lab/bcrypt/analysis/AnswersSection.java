package lab.bcrypt.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Section 9: answers to the lab's questions, written from the measured values. Every sentence is
 * chosen by a condition on the data, and an answer the data cannot support says what is missing
 * instead.
 */
final class AnswersSection implements Section {

    /** A ratio within this band of 1 counts as no clear difference between the servers. */
    private static final double SAME_BAND = ModelSection.FLAG_THRESHOLD;

    /** A load-to-idle ratio above this counts as a collapse of responsiveness. */
    private static final double COLLAPSE_FACTOR = 10.0;

    /** A load-to-idle ratio above this counts as a clear degradation. */
    private static final double DEGRADE_FACTOR = 2.0;

    /** CPU use, as a share of all cores, from which the server counts as saturated. */
    private static final double SATURATED_SHARE = 0.9;

    /** Thread counts further apart than this factor are worth pointing out. */
    private static final double THREAD_GAP_FACTOR = 1.5;

    /** Costs below this make a hash cheap enough that per-request overhead weighs heavily. */
    private static final int REALISTIC_MIN_COST = 10;

    private final List<SectionOutput> earlier;

    /** Takes the outputs of the sections written before this one, to report their flags. */
    AnswersSection(List<SectionOutput> earlier) {
        this.earlier = earlier;
    }

    @Override
    public String title() {
        return "Answers";
    }

    @Override
    public void write(ReportContext context, SectionOutput out) {
        Findings findings = new Findings(context);
        if (findings.topLevel() == null) {
            out.missing("no burst level ran on both servers, so no answer compares them");
        }
        out.paragraph(
                "Each answer below is generated from the numbers in the sections above;"
                        + " where the data cannot answer, it says what is missing.");
        answer(out, "How responsiveness changes under load", responsiveness(findings));
        answer(out, "How health behaves while registrations run", healthByLevel(findings));
        answer(out, "How register latency grows with concurrency", registerGrowth(findings));
        answer(out, "What CPU and memory do", resources(findings));
        answer(out, "What offloading improves, and what it does not", offloading(findings));
        answer(out, "Unexpected behaviour in this run", unexpected(context, findings));
        answer(out, "What these numbers cannot show", limits(context));
    }

    private static void answer(SectionOutput out, String question, List<String> sentences) {
        out.paragraph("**" + question + ".** " + String.join(" ", sentences));
    }

    private static List<String> responsiveness(Findings f) {
        List<String> sentences = new ArrayList<>();
        Integer top = f.topLevel();
        if (top == null) {
            sentences.add("Cannot be answered: no burst ran on both servers.");
            return sentences;
        }
        sentences.add(
                "The idle baseline is the p90 of the sequential health requests, because their p99"
                        + " is the slowest one or two requests and one outlier moves it.");
        for (String server : ReportContext.SERVERS) {
            LatencyStats idle = f.idleHealth(server);
            LatencyStats loaded = f.probe(server, top);
            if (idle == null || loaded == null) {
                sentences.add(server + ": idle or loaded health results are missing.");
            } else if (!Reliability.enough(idle) || !Reliability.enough(loaded)) {
                sentences.add(
                        String.format(
                                Locale.ROOT,
                                "On the %s server there are too few health requests to judge: %d idle"
                                        + " and %d during the burst of %d, where at least %d are needed.",
                                server,
                                idle.count(),
                                loaded.count(),
                                top,
                                Reliability.MIN_SAMPLES));
            } else {
                sentences.add(responsivenessSentence(server, top, idle, loaded));
            }
        }
        invalidNote(f, top).ifPresent(sentences::add);
        return sentences;
    }

    private static String responsivenessSentence(
            String server, int top, LatencyStats idle, LatencyStats loaded) {
        return String.format(
                Locale.ROOT,
                "On the %s server, health p99 during a burst of %d registrations was %s ms against"
                        + " an idle p90 of %s ms (%s), so responsiveness %s.",
                server,
                top,
                Format.number(loaded.p99Ms()),
                Format.number(idle.p90Ms()),
                Format.ratio(loaded.p99Ms(), idle.p90Ms()),
                verdict(loaded.p99Ms() / idle.p90Ms()));
    }

    /** Returns a sentence naming the servers whose top burst was invalid, if any. */
    private static Optional<String> invalidNote(Findings f, int top) {
        List<String> invalid = f.invalidServers("burst-" + top);
        if (invalid.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                "The load generator judged the burst of "
                        + top
                        + " invalid on the "
                        + String.join(" and ", invalid)
                        + " server, so these numbers measure the client as much as the server.");
    }

    private static String verdict(double factor) {
        if (factor > COLLAPSE_FACTOR) {
            return "collapses under load";
        }
        if (factor > DEGRADE_FACTOR) {
            return "degrades clearly under load";
        }
        return "stays close to idle";
    }

    private static List<String> healthByLevel(Findings f) {
        List<String> sentences = new ArrayList<>();
        for (String server : ReportContext.SERVERS) {
            List<String> points = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            List<Integer> measuredLevels = new ArrayList<>();
            for (int level : f.levels()) {
                LatencyStats probe = f.probe(server, level);
                if (probe == null) {
                    continue;
                }
                if (Reliability.enough(probe)) {
                    points.add(level + " → " + Format.number(probe.p99Ms()) + " ms");
                    values.add(probe.p99Ms());
                    measuredLevels.add(level);
                } else {
                    points.add(level + " → too few probe requests (" + probe.count() + ")");
                }
            }
            if (points.isEmpty()) {
                sentences.add(server + ": no health probe results during the bursts.");
                continue;
            }
            sentences.add(
                    String.format(
                            Locale.ROOT,
                            "Health p99 on the %s server by burst size: %s;"
                                    + " it %s with concurrency.",
                            server,
                            String.join(", ", points),
                            trend(values, measuredLevels)));
        }
        Integer top = f.topLevel();
        if (top != null) {
            Double worstB = f.probeWorstSecond(ReportContext.BLOCKING, top);
            Double worstO = f.probeWorstSecond(ReportContext.OFFLOADED, top);
            if (worstB != null && worstO != null) {
                sentences.add(
                        String.format(
                                Locale.ROOT,
                                "The worst second of the largest burst peaked at %s ms on the blocking"
                                        + " server and %s ms on the offloaded one.",
                                Format.number(worstB),
                                Format.number(worstO)));
            }
        }
        return sentences;
    }

    /** Describes how the p99 values, one per level in {@code levels}, change with the level. */
    private static String trend(List<Double> values, List<Integer> levels) {
        if (values.size() < 2) {
            return "cannot be traced (fewer than two levels with enough probe requests)";
        }
        boolean rising = true;
        for (int i = 1; i < values.size(); i++) {
            rising &= values.get(i) >= values.get(i - 1);
        }
        double growth = values.get(values.size() - 1) / values.get(0);
        if (rising && growth > DEGRADE_FACTOR) {
            return String.format(
                    Locale.ROOT,
                    "rises steadily (%s from the burst of %d to the burst of %d)",
                    Format.ratio(values.get(values.size() - 1), values.get(0)),
                    levels.get(0),
                    levels.get(levels.size() - 1));
        }
        if (growth > 1 + SAME_BAND) {
            return "rises overall but not at every step";
        }
        return "does not grow clearly";
    }

    private static List<String> registerGrowth(Findings f) {
        List<String> sentences = new ArrayList<>();
        List<Integer> levels = f.levels();
        for (String server : ReportContext.SERVERS) {
            List<String> points = new ArrayList<>();
            for (int level : levels) {
                LatencyStats stats = f.register(server, level);
                if (stats != null) {
                    points.add(registerPoint(level, stats));
                }
            }
            sentences.add(
                    points.isEmpty()
                            ? server + ": no burst results."
                            : "On the " + server + " server: " + String.join(", ", points) + ".");
        }
        Integer low = lowestReliableLevel(f);
        Integer top = f.topLevel();
        if (low != null && top != null && top > low) {
            for (String server : ReportContext.SERVERS) {
                LatencyStats first = f.register(server, low);
                LatencyStats last = f.register(server, top);
                if (first != null && last != null) {
                    sentences.add(
                            String.format(
                                    Locale.ROOT,
                                    "From %d to %d requests (%s) the %s server's p99 grew %s, %s.",
                                    low,
                                    top,
                                    Format.ratio((double) top, (double) low),
                                    server,
                                    Format.ratio(last.p99Ms(), first.p99Ms()),
                                    linearity(last.p99Ms() / first.p99Ms(), (double) top / low)));
                }
            }
        }
        if (top != null) {
            String failures = failureCaveat(f, top);
            if (failures != null) {
                sentences.add(failures);
            }
        }
        return sentences;
    }

    private static String registerPoint(int level, LatencyStats stats) {
        if (!Reliability.enough(stats)) {
            return String.format(
                    Locale.ROOT,
                    "%d → p50 %s ms (p99 not reliable from %d requests)",
                    level,
                    Format.number(stats.p50Ms()),
                    stats.count());
        }
        return String.format(
                Locale.ROOT,
                "%d → p50 %s / p99 %s ms",
                level,
                Format.number(stats.p50Ms()),
                Format.number(stats.p99Ms()));
    }

    /**
     * Returns the smallest burst level whose register latencies rest on enough requests on both
     * servers, or null. Only such a level's p99 can anchor a growth factor.
     */
    private static Integer lowestReliableLevel(Findings f) {
        for (int level : f.levels()) {
            if (Reliability.enough(f.register(ReportContext.BLOCKING, level))
                    && Reliability.enough(f.register(ReportContext.OFFLOADED, level))) {
                return level;
            }
        }
        return null;
    }

    private static String linearity(double latencyGrowth, double sizeGrowth) {
        double relative = latencyGrowth / sizeGrowth;
        if (relative > 0.5 && relative < 2.0) {
            return "roughly in proportion to N, as a queue in front of a fixed capacity predicts";
        }
        return relative <= 0.5
                ? "less than N grew, so fixed per-request costs dominate the small bursts"
                : "faster than N grew, a sign of contention beyond the hash itself";
    }

    private static List<String> resources(Findings f) {
        List<String> sentences = new ArrayList<>();
        Integer top = f.topLevel();
        if (top == null) {
            sentences.add("Cannot be answered without a burst on both servers.");
            return sentences;
        }
        String name = "burst-" + top;
        double allCores = f.cores() * 100.0;
        for (String server : ReportContext.SERVERS) {
            Double cpuMean = f.resource(server, name, "cpuPercentMean");
            Double cpuMax = f.resource(server, name, "cpuPercentMax");
            Double rss = f.resource(server, name, "rssMaxBytes");
            if (cpuMean == null || cpuMax == null) {
                sentences.add(server + ": no CPU samples during " + name + ".");
                continue;
            }
            boolean saturated = f.cores() > 0 && cpuMax >= SATURATED_SHARE * allCores;
            sentences.add(
                    String.format(
                            Locale.ROOT,
                            "During %s the %s server used %s%% CPU on average and %s%% at most (%s%% is"
                                    + " every core)%s, with up to %s MiB resident.",
                            name,
                            server,
                            Format.number(cpuMean),
                            Format.number(cpuMax),
                            Format.number(allCores),
                            saturated ? ", so it saturated the machine" : "",
                            Format.mebibytes(rss)));
        }
        Double threadsB = f.resource(ReportContext.BLOCKING, name, "threadsMax");
        Double threadsO = f.resource(ReportContext.OFFLOADED, name, "threadsMax");
        if (threadsB != null && threadsO != null) {
            boolean apart =
                    threadsB > threadsO * THREAD_GAP_FACTOR
                            || threadsO > threadsB * THREAD_GAP_FACTOR;
            sentences.add(
                    String.format(
                            Locale.ROOT,
                            "Threads peaked at %s (blocking) and %s (offloaded)%s.",
                            Format.number(threadsB),
                            Format.number(threadsO),
                            apart
                                    ? ": the blocking server needs one request thread per hash in flight,"
                                            + " the offloaded one hashes on a fixed pool"
                                    : ""));
        }
        sentences.addAll(busyThreads(f, name));
        return sentences;
    }

    /**
     * Compares Jetty's busy request threads: if the offloaded server's stay near the blocking
     * server's, its request threads are held while registrations wait for the hash pool.
     */
    private static List<String> busyThreads(Findings f, String name) {
        List<String> sentences = new ArrayList<>();
        Double busyB = f.jettyBusyMax(ReportContext.BLOCKING, name);
        Double busyO = f.jettyBusyMax(ReportContext.OFFLOADED, name);
        if (busyB == null || busyO == null) {
            return sentences;
        }
        String text =
                String.format(
                        Locale.ROOT,
                        "Jetty's busy request threads peaked at %s (blocking) and %s (offloaded)",
                        Format.count(busyB),
                        Format.count(busyO));
        if (busyB > 0 && busyO >= busyB / THREAD_GAP_FACTOR) {
            text +=
                    ", so the offloaded server's request threads stay occupied while its"
                            + " registrations wait for the hash pool: the hand-off frees no request thread";
        }
        sentences.add(text + ".");
        return sentences;
    }

    private static List<String> offloading(Findings f) {
        List<String> sentences = new ArrayList<>();
        Integer top = f.topLevel();
        if (top == null) {
            sentences.add("Cannot be answered without a burst on both servers.");
            return sentences;
        }
        invalidNote(f, top).ifPresent(sentences::add);
        Double healthRatio =
                Format.ratioValue(
                        f.reliableProbeP99(ReportContext.OFFLOADED, top),
                        f.reliableProbeP99(ReportContext.BLOCKING, top));
        if (healthRatio == null && bothProbed(f, top)) {
            sentences.add(
                    String.format(
                            Locale.ROOT,
                            "Health p99 during the largest burst cannot be compared: %d probe requests"
                                    + " on the blocking server and %d on the offloaded one, where at"
                                    + " least %d are needed.",
                            f.probe(ReportContext.BLOCKING, top).count(),
                            f.probe(ReportContext.OFFLOADED, top).count(),
                            Reliability.MIN_SAMPLES));
        } else {
            sentences.add(
                    compare(
                            "Health p99 during the largest burst",
                            healthRatio,
                            "offloading keeps the health endpoint more responsive",
                            "the offloaded server answers health more slowly"));
        }
        sentences.addAll(healthExceptions(f, top, healthRatio));

        Double throughputRatio =
                Format.ratioValue(
                        f.throughput(ReportContext.OFFLOADED, top),
                        f.throughput(ReportContext.BLOCKING, top));
        sentences.add(
                compare(
                        "The rate of successful registrations at that burst",
                        throughputRatio,
                        "the offloaded server completes fewer registrations per second",
                        "the offloaded server completes more registrations per second"));
        if (throughputRatio != null && Math.abs(throughputRatio - 1) <= SAME_BAND) {
            sentences.add(
                    "Offloading does not raise throughput: both servers are bounded by the"
                            + " same cores, C/S.");
        }

        LatencyStats b = f.register(ReportContext.BLOCKING, top);
        LatencyStats o = f.register(ReportContext.OFFLOADED, top);
        String failures = failureCaveat(f, top);
        if (failures != null) {
            sentences.add(failures);
        } else if (b != null && o != null && !(Reliability.enough(b) && Reliability.enough(o))) {
            sentences.add(
                    "Register latencies of the largest burst rest on fewer than "
                            + Reliability.MIN_SAMPLES
                            + " requests, too few to compare.");
        } else if (b != null && o != null) {
            sentences.add(
                    compare(
                            "Median register latency",
                            o.p50Ms() / b.p50Ms(),
                            "the pool finishes hashes in turn instead of sharing the cores among all",
                            "the offloaded server's median registration is slower"));
            sentences.add(
                    compare(
                            "Maximum register latency",
                            o.maxMs() / b.maxMs(),
                            "even the slowest registration finishes sooner",
                            "the slowest registration waits longer"));
        }
        sentences.addAll(rejections(f));
        return sentences;
    }

    private static boolean bothProbed(Findings f, int level) {
        return f.probe(ReportContext.BLOCKING, level) != null
                && f.probe(ReportContext.OFFLOADED, level) != null;
    }

    /**
     * Returns a warning when a server failed more than 15% of a burst, or null when neither did.
     * Such a latency distribution mixes fast failures with completed registrations.
     */
    static String failureCaveat(Findings f, int level) {
        List<String> parts = new ArrayList<>();
        for (String server : ReportContext.SERVERS) {
            Double share = f.failedShare(server, level);
            if (share != null && share > SAME_BAND) {
                parts.add(
                        String.format(
                                Locale.ROOT,
                                "the %s server failed %s%%",
                                server,
                                Format.number(share * 100)));
            }
        }
        if (parts.isEmpty()) {
            return null;
        }
        return "Register latencies of the burst of "
                + level
                + " do not compare like for like: "
                + String.join(" and ", parts)
                + " of its requests, and the latency"
                + " distribution mixes those failures, which may return fast, with completed"
                + " registrations.";
    }

    /** Names the burst levels where health compares the other way round than at the top. */
    private static List<String> healthExceptions(Findings f, int top, Double topRatio) {
        List<String> sentences = new ArrayList<>();
        if (topRatio == null) {
            return sentences;
        }
        for (int level : f.levels()) {
            Double ratio =
                    Format.ratioValue(
                            f.reliableProbeP99(ReportContext.OFFLOADED, level),
                            f.reliableProbeP99(ReportContext.BLOCKING, level));
            boolean opposite =
                    ratio != null
                            && (topRatio < 1 - SAME_BAND && ratio > 1 + SAME_BAND
                                    || topRatio > 1 + SAME_BAND && ratio < 1 - SAME_BAND);
            if (level != top && opposite) {
                sentences.add(
                        String.format(
                                Locale.ROOT,
                                "At the burst of %d it went the other way: the offloaded server's health"
                                        + " p99 was %s the blocking server's.",
                                level,
                                Format.ratio(ratio, 1.0)));
            }
        }
        return sentences;
    }

    /** Reports the offloaded server's failed requests and its hash pool's rejections. */
    private static List<String> rejections(Findings f) {
        List<String> sentences = new ArrayList<>();
        long failed = f.errors(ReportContext.OFFLOADED);
        Double rejected = f.hashRejectedMax();
        if (failed > 0) {
            String pool =
                    rejected != null && rejected > 0
                            ? String.format(
                                    Locale.ROOT,
                                    ", and its hash pool counted %s rejected tasks"
                                            + " (bcrypt_rejected_total): the bounded queue turns overload into"
                                            + " errors instead of waiting",
                                    Format.count(rejected))
                            : "";
            sentences.add(
                    "The offloaded server failed "
                            + failed
                            + " requests over the run"
                            + pool
                            + ". Its throughput above counts successes only.");
        }
        return sentences;
    }

    /**
     * Compares an offloaded/blocking ratio with 1, naming what a clearly lower or higher ratio
     * means for this metric.
     */
    private static String compare(
            String what, Double ratio, String lowerMeans, String higherMeans) {
        if (ratio == null) {
            return what + ": not measured on both servers.";
        }
        String value =
                String.format(
                        Locale.ROOT,
                        "%s is %s on the offloaded server against the blocking one",
                        what,
                        Format.ratio(ratio, 1.0));
        if (ratio < 1 - SAME_BAND) {
            return value + ": " + lowerMeans + ".";
        }
        if (ratio > 1 + SAME_BAND) {
            return value + ": " + higherMeans + ".";
        }
        return value + ": no clear difference.";
    }

    private List<String> unexpected(ReportContext context, Findings f) {
        List<String> sentences = new ArrayList<>();
        for (String server : ReportContext.SERVERS) {
            long errors = f.errors(server);
            if (errors > 0) {
                sentences.add(
                        String.format(
                                Locale.ROOT,
                                "The %s server failed %d requests across the experiments (%s; section 10"
                                        + " lists them by experiment).",
                                server,
                                errors,
                                f.errorKinds(server)));
            }
        }
        List<String> flagged = new ArrayList<>();
        int flags = 0;
        for (int i = 0; i < earlier.size(); i++) {
            int count = earlier.get(i).flags().size();
            if (count > 0) {
                flagged.add("section " + (i + 1) + ": " + count);
                flags += count;
            }
        }
        if (flags > 0) {
            sentences.add(
                    flags
                            + " deviations, blind spots or measurement problems are flagged above ("
                            + String.join(", ", flagged)
                            + "); each flag says what the data shows about"
                            + " its cause.");
        }
        int invalid = f.invalidRuns();
        if (invalid > 0) {
            sentences.add(
                    Format.plural(invalid, "run was", "runs were")
                            + " invalid because the load generator was the bottleneck.");
        }
        if (!context.problems().isEmpty()) {
            sentences.add(
                    Format.plural(context.problems().size(), "results file", "results files")
                            + " could not be read (section 10 lists them).");
        }
        if (sentences.isEmpty()) {
            sentences.add(
                    "None found: no errors, every run valid, no model deviation over 15%"
                            + " and no gap between the servers' logs and the client.");
        }
        return sentences;
    }

    private static List<String> limits(ReportContext context) {
        List<String> sentences = new ArrayList<>();
        Capacity capacity = context.capacity();
        if ("quick".equals(context.environment().path("profile").asText())) {
            sentences.add(
                    "This is a quick run with small counts and short JMH iterations: the"
                            + " numbers show direction, not precision.");
        }
        if (capacity.cost() > 0
                && capacity.cost() < REALISTIC_MIN_COST
                && capacity.hashMillis() != null) {
            sentences.add(
                    String.format(
                            Locale.ROOT,
                            "At cost %d a hash takes about %s ms, so connection, HTTP and database costs"
                                    + " weigh far more than at cost 10 to 12, where the hash dominates;"
                                    + " run `./lab run` for the realistic setting.",
                            capacity.cost(),
                            Format.number(capacity.hashMillis())));
        }
        if (capacity.estimate()) {
            sentences.add("S is scaled from another cost, not measured at this one.");
        }
        sentences.add(
                String.format(
                        Locale.ROOT,
                        "The load generator shares the machine's %d cores with the server, so the"
                                + " server never has them to itself; a single machine cannot show how"
                                + " either design scales across hosts.",
                        capacity.cores()));
        return sentences;
    }
}
