package lab.bcrypt.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Section 2: JMH's raw hash cost by cost factor, the throughput ceiling, the hand-off cost, the
 * library comparison, and the capacity C/S they imply.
 */
final class HashCostSection implements Section {

    /** Cost 12 against cost 10 is two doublings of bcrypt's work. */
    private static final double EXPECTED_COST_12_OVER_10 = 4.0;

    private static final int COST_10 = 10;
    private static final int COST_12 = 12;

    static final String HASH_COST = "HashCostBenchmark";
    static final String CEILING = "ThroughputCeilingBenchmark";
    static final String HANDOFF = "HandoffBenchmark";
    static final String LIBRARIES = "LibraryComparisonBenchmark";

    @Override
    public String title() {
        return "Raw hash cost (JMH)";
    }

    @Override
    public void write(ReportContext context, SectionOutput out) {
        JmhResults jmh = context.jmh();
        if (jmh.isEmpty()) {
            out.missing(jmh.problem());
        }
        writeHashCost(jmh, out);
        writeCeiling(context, jmh, out);
        writeHandoff(jmh, out);
        writeLibraries(jmh, out);
        writeCapacity(context, out);
    }

    private static void writeHashCost(JmhResults jmh, SectionOutput out) {
        List<JmhResults.Run> hashes = runs(jmh, HASH_COST, "hash");
        if (hashes.isEmpty()) {
            out.missing("JMH has no HashCostBenchmark results");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (JmhResults.Run hash : hashes) {
            Integer cost = hash.intParam("cost");
            Double verifyNanos = verifyNanos(jmh, cost);
            rows.add(
                    List.of(
                            String.valueOf(cost),
                            millis(hash.nanosPerOp()),
                            millis(verifyNanos),
                            Format.number(1e9 / hash.nanosPerOp()),
                            errorText(hash)));
        }
        out.plainTable(
                "Time per operation by cost factor, one thread (HashCostBenchmark, average time)",
                List.of(
                        "cost",
                        "hash (ms)",
                        "verify (ms)",
                        "hashes per second on one core",
                        "hash: JMH score ± error (unit)"),
                rows);
        checkDoubling(hashes, out);
    }

    private static Double verifyNanos(JmhResults jmh, Integer cost) {
        return runs(jmh, HASH_COST, "verify").stream()
                .filter(r -> cost != null && cost.equals(r.intParam("cost")))
                .map(JmhResults.Run::nanosPerOp)
                .findFirst()
                .orElse(null);
    }

    /** Flags cost 12 against cost 10 when it strays over 15% from the factor 4 bcrypt implies. */
    private static void checkDoubling(List<JmhResults.Run> hashes, SectionOutput out) {
        Double cost10 = nanosAtCost(hashes, COST_10);
        Double cost12 = nanosAtCost(hashes, COST_12);
        if (cost10 == null || cost12 == null) {
            out.paragraph(
                    "Cost 10 and 12 were not both measured, so the doubling per cost step"
                            + " cannot be checked.");
            return;
        }
        double ratio = cost12 / cost10;
        double deviation = ratio / EXPECTED_COST_12_OVER_10 - 1;
        out.values().put("cost12OverCost10", ratio);
        String text =
                String.format(
                                Locale.ROOT,
                                "Cost 12 took %.2f times cost 10, where bcrypt's doubling per step"
                                        + " predicts 4 (%s).",
                                ratio,
                                Format.deviation(deviation))
                        + unreliableNote(runsAtCosts(hashes, COST_10, COST_12));
        if (Math.abs(deviation) > ModelSection.FLAG_THRESHOLD) {
            out.flag(
                    text
                            + " A quick JMH run has few iterations, or other work shared the"
                            + " cores; rerun with `./lab bench` for stable numbers.");
        } else {
            out.paragraph(text);
        }
    }

    private static List<JmhResults.Run> runsAtCosts(List<JmhResults.Run> runs, int... costs) {
        List<JmhResults.Run> selected = new ArrayList<>();
        for (int cost : costs) {
            runs.stream()
                    .filter(r -> Integer.valueOf(cost).equals(r.intParam("cost")))
                    .findFirst()
                    .ifPresent(selected::add);
        }
        return selected;
    }

    /**
     * Returns a sentence naming the runs whose JMH error is at least their score, or an empty
     * string when all are reliable. It follows any sentence that states their scores as a fact.
     */
    static String unreliableNote(List<JmhResults.Run> runs) {
        List<String> unreliable =
                runs.stream().filter(r -> !r.reliable()).map(JmhResults.Run::describe).toList();
        if (unreliable.isEmpty()) {
            return "";
        }
        return " **Not reliable:** JMH's error is at least as large as the score for "
                + String.join(", ", unreliable)
                + ", so this run does not measure it; rerun `./lab bench` on an idle machine.";
    }

    private static Double nanosAtCost(List<JmhResults.Run> hashes, int cost) {
        return hashes.stream()
                .filter(r -> Integer.valueOf(cost).equals(r.intParam("cost")))
                .map(JmhResults.Run::nanosPerOp)
                .findFirst()
                .orElse(null);
    }

    private static void writeCeiling(ReportContext context, JmhResults jmh, SectionOutput out) {
        List<JmhResults.Run> runs =
                jmh.ofClass(CEILING).stream()
                        .sorted(Comparator.comparingInt(JmhResults.Run::threads))
                        .toList();
        if (runs.isEmpty()) {
            out.missing("JMH has no ThroughputCeilingBenchmark results");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (JmhResults.Run run : runs) {
            Double opsPerSec = run.opsPerSec();
            Integer cost = run.intParam("cost");
            rows.add(
                    List.of(
                            String.valueOf(run.threads()),
                            cost == null ? Format.MISSING : cost.toString(),
                            Format.number(opsPerSec),
                            Format.number(opsPerSec == null ? null : opsPerSec / run.threads())));
        }
        out.plainTable(
                "Throughput ceiling: hashes per second by JMH threads (ThroughputCeilingBenchmark)",
                List.of("threads", "cost", "hashes/s", "hashes/s per thread"),
                rows);
        out.paragraph(
                String.format(
                        Locale.ROOT,
                        "The ceiling should stop growing at the core count (%d here): threads beyond it"
                                + " share the same cores.",
                        context.capacity().cores()));
        checkScaling(context, runs, out);
    }

    /**
     * Flags a ceiling that does not grow with the threads up to the core count: then other work
     * shared the cores while JMH ran, and C/S overstates what this machine offered.
     */
    private static void checkScaling(
            ReportContext context, List<JmhResults.Run> runs, SectionOutput out) {
        int cores = context.capacity().cores();
        Double single = opsAtThreads(runs, 1);
        Double allCores = opsAtThreads(runs, cores);
        if (cores <= 1 || single == null || allCores == null || single <= 0) {
            return;
        }
        double scaling = allCores / single;
        out.values().put("ceilingScaling", scaling);
        String text =
                String.format(
                                Locale.ROOT,
                                "At %d threads the ceiling is %s the single-thread rate, where %d free"
                                        + " cores give %d×.",
                                cores,
                                Format.ratio(allCores, single),
                                cores,
                                cores)
                        + unreliableNote(runs);
        if (scaling < cores * (1 - ModelSection.FLAG_THRESHOLD)) {
            out.flag(
                    text
                            + " Other work shared the cores while JMH ran, so its hash times, and"
                            + " C/S with them, describe a machine shared with that work; rerun"
                            + " `./lab bench` on an idle machine for stable numbers.");
        } else {
            out.paragraph(text);
        }
    }

    private static Double opsAtThreads(List<JmhResults.Run> runs, int threads) {
        return runs.stream()
                .filter(r -> r.threads() == threads)
                .map(JmhResults.Run::opsPerSec)
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
    }

    private static void writeHandoff(JmhResults jmh, SectionOutput out) {
        List<JmhResults.Run> runs = jmh.ofClass(HANDOFF);
        if (runs.isEmpty()) {
            out.missing("JMH has no HandoffBenchmark results");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (JmhResults.Run run : runs) {
            Double nanos = run.nanosPerOp();
            rows.add(
                    List.of(
                            run.method(),
                            nanos == null ? Format.MISSING : Format.number(nanos / 1e3),
                            errorText(run)));
        }
        out.plainTable(
                "Offload hand-off (HandoffBenchmark; hash methods at cost 4)",
                List.of("benchmark", "µs per operation", "JMH score ± error (unit)"),
                rows);
        handoffVerdict(jmh, out);
    }

    private static void handoffVerdict(JmhResults jmh, SectionOutput out) {
        Optional<JmhResults.Run> direct = jmh.find(HANDOFF, "directCall");
        Optional<JmhResults.Run> trivial = jmh.find(HANDOFF, "offloadedTrivial");
        Optional<JmhResults.Run> inline = jmh.find(HANDOFF, "hashInline");
        if (direct.isEmpty()
                || trivial.isEmpty()
                || inline.isEmpty()
                || trivial.get().nanosPerOp() == null
                || inline.get().nanosPerOp() == null) {
            return;
        }
        double handoffNanos = trivial.get().nanosPerOp() - direct.get().nanosPerOp();
        double share = handoffNanos / inline.get().nanosPerOp();
        out.values().put("handoffMicros", handoffNanos / 1e3);
        String text =
                String.format(
                        Locale.ROOT,
                        "One hand-off to the hash pool and back costs about %s µs, %s%% of a cost-4"
                                + " hash; at higher costs the share is smaller still, since each step"
                                + " doubles the hash.",
                        Format.number(handoffNanos / 1e3),
                        Format.number(share * 100));
        String note = unreliableNote(List.of(direct.get(), trivial.get(), inline.get()));
        out.values().put("handoffReliable", note.isEmpty());
        if (note.isEmpty()) {
            out.paragraph(text);
        } else {
            out.flag(text + note);
        }
    }

    private static void writeLibraries(JmhResults jmh, SectionOutput out) {
        List<JmhResults.Run> runs = jmh.ofClass(LIBRARIES);
        if (runs.isEmpty()) {
            out.missing("JMH has no LibraryComparisonBenchmark results");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (JmhResults.Run run : runs) {
            rows.add(List.of(run.method(), millis(run.nanosPerOp()), errorText(run)));
        }
        out.plainTable(
                "bcrypt libraries at cost 10 (LibraryComparisonBenchmark)",
                List.of("library", "hash (ms)", "JMH score ± error (unit)"),
                rows);
    }

    private static void writeCapacity(ReportContext context, SectionOutput out) {
        Capacity capacity = context.capacity();
        out.values().put("cores", capacity.cores());
        out.values().put("cost", capacity.cost());
        out.values().put("hashMillis", capacity.hashMillis());
        out.values().put("capacityPerSec", capacity.perSec());
        out.values().put("capacityIsEstimate", capacity.estimate());
        if (capacity.perSec() == null) {
            out.missing("capacity C/S: " + capacity.source());
            return;
        }
        out.paragraph(
                String.format(
                        Locale.ROOT,
                        "**Capacity C/S = %d cores / %s ms per hash = %s registrations per second** at"
                                + " cost %d (%s). No server on this machine can register faster; the"
                                + " sections below compare each server against it.",
                        capacity.cores(),
                        Format.number(capacity.hashMillis()),
                        Format.number(capacity.perSec()),
                        capacity.cost(),
                        capacity.source()));
        String note =
                unreliableNote(
                        runsAtCosts(runs(context.jmh(), HASH_COST, "hash"), capacity.cost()));
        if (!note.isEmpty()) {
            out.flag("C/S rests on S, whose JMH run is not reliable." + note);
        }
        Double blocking = context.loadgenCapacity(ReportContext.BLOCKING);
        Double offloaded = context.loadgenCapacity(ReportContext.OFFLOADED);
        ComparisonTable table =
                new ComparisonTable("Capacity, model and as the loadgen measured it");
        table.row("C/S from JMH", "registrations/s", capacity.perSec(), capacity.perSec());
        table.row(
                "measured by the loadgen ("
                        + context.matrix().path("capacitySource").asText("source not stated")
                        + ")",
                "registrations/s",
                blocking,
                offloaded);
        table.row(
                "measured / (C/S)",
                "%",
                percentOf(blocking, capacity.perSec()),
                percentOf(offloaded, capacity.perSec()));
        out.table(table);
    }

    static Double percentOf(Double value, Double whole) {
        Double ratio = Format.ratioValue(value, whole);
        return ratio == null ? null : ratio * 100;
    }

    private static List<JmhResults.Run> runs(JmhResults jmh, String className, String method) {
        return jmh.ofClass(className).stream()
                .filter(r -> r.method().equals(method) && r.nanosPerOp() != null)
                .toList();
    }

    private static String millis(Double nanos) {
        return nanos == null ? Format.MISSING : Format.number(nanos / 1e6);
    }

    private static String errorText(JmhResults.Run run) {
        return String.format(
                        Locale.ROOT,
                        "%s ± %s (%s)",
                        Format.number(run.score()),
                        Format.number(run.scoreError()),
                        run.scoreUnit())
                + (run.reliable() ? "" : " **not reliable: error ≥ score**");
    }
}
