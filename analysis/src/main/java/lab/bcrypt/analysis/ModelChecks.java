package lab.bcrypt.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The comparisons of section 7, one experiment at a time. Each deviation over the threshold becomes
 * a flag with the explanation that the same results support.
 */
final class ModelChecks {

    private static final String FASTER_REASON =
            "Faster than the model: S from JMH may be overstated (a quick JMH run is imprecise,"
                    + " and other work may have shared the cores while it ran).";

    private final ReportContext context;
    private final SectionOutput out;
    private final Capacity capacity;
    private final Map<String, Optional<Double>> sequentialOverheadMs;

    ModelChecks(ReportContext context, SectionOutput out) {
        this.context = context;
        this.out = out;
        this.capacity = context.capacity();
        this.sequentialOverheadMs =
                Map.of(
                        ReportContext.BLOCKING,
                                optional(serverMeanBeyondHash(ReportContext.BLOCKING)),
                        ReportContext.OFFLOADED,
                                optional(serverMeanBeyondHash(ReportContext.OFFLOADED)));
    }

    /** Returns a server's mean sequential registration time beyond one hash, or null. */
    private Double serverMeanBeyondHash(String server) {
        Experiment experiment = context.experiment(server, "sequential-register");
        PerfLog.WindowStats window =
                experiment == null ? null : PerfWindow.of(context.server(server), experiment);
        return window == null ? null : minus(window.total().meanMs(), capacity.hashMillis());
    }

    /** Compares a burst with the wave model for each server. */
    void burst(int level, int blockingParallelism, Integer poolSize) {
        String name = "burst-" + level;
        Experiment blocking = context.experiment(ReportContext.BLOCKING, name);
        Experiment offloaded = context.experiment(ReportContext.OFFLOADED, name);
        QueueModel.BurstPrediction blockingModel = predict(level, blockingParallelism);
        QueueModel.BurstPrediction offloadedModel =
                poolSize == null ? null : predict(level, poolSize);
        ComparisonTable table =
                new ComparisonTable(
                        Reliability.mark(context, name, "Model against measurement, " + name));
        table.row("makespan, model", "ms", makespanOf(blockingModel), makespanOf(offloadedModel));
        table.row(
                "makespan, measured",
                "ms",
                BurstSection.makespan(blocking),
                BurstSection.makespan(offloaded));
        table.row("mean latency, model", "ms", meanOf(blockingModel), meanOf(offloadedModel));
        table.row("mean latency, measured", "ms", measuredMean(blocking), measuredMean(offloaded));
        table.row("throughput, model C/S", "registrations/s", capacity.perSec(), capacity.perSec());
        table.row(
                "throughput, measured",
                "registrations/s",
                BurstSection.throughput(blocking),
                BurstSection.throughput(offloaded));
        out.table(table);
        Reliability.noteInvalid(context, out, name);
        checkBurst(ReportContext.BLOCKING, blocking, blockingModel, level);
        checkBurst(ReportContext.OFFLOADED, offloaded, offloadedModel, level);
    }

    /**
     * Flags a burst whose makespan or mean latency deviates from the model: one flag per server
     * that names both deviations, the causes the results show, and how the requests finished.
     */
    private void checkBurst(
            String server, Experiment experiment, QueueModel.BurstPrediction model, int requests) {
        if (experiment == null || model == null) {
            return;
        }
        Double makespan = experiment.makespanMs();
        Double mean = measuredMean(experiment);
        if (makespan == null || mean == null || makespan <= 0) {
            return;
        }
        double makespanDeviation = makespan / model.makespanMs() - 1;
        double meanDeviation = mean / model.meanMs() - 1;
        if (Math.abs(makespanDeviation) <= ModelSection.FLAG_THRESHOLD
                && Math.abs(meanDeviation) <= ModelSection.FLAG_THRESHOLD) {
            return;
        }
        List<String> parts = new ArrayList<>();
        parts.add(
                String.format(
                        Locale.ROOT,
                        "%s %s: makespan %s ms against %s ms predicted (%s), mean latency %s ms against"
                                + " %s ms (%s).",
                        server,
                        experiment.name(),
                        Format.number(makespan),
                        Format.number(model.makespanMs()),
                        Format.deviation(makespanDeviation),
                        Format.number(mean),
                        Format.number(model.meanMs()),
                        Format.deviation(meanDeviation)));
        parts.addAll(runProblems(experiment));
        if (makespanDeviation > ModelSection.FLAG_THRESHOLD) {
            parts.add(overheadReason(server, makespan - model.makespanMs(), requests));
        } else if (makespanDeviation < -ModelSection.FLAG_THRESHOLD) {
            parts.add(fasterReason(experiment, makespan, parallelism(server, requests)));
        }
        parts.add(shapeReason(mean / makespan, model.meanMs() / model.makespanMs()));
        out.flag(String.join(" ", parts));
    }

    /**
     * Explains a makespan shorter than the model. Failed requests never hashed, so the model is
     * rerun for the successful registrations alone before blaming S.
     */
    private String fasterReason(Experiment experiment, double makespanMs, int parallelism) {
        long successes = experiment.successes();
        if (experiment.errorsTotal() == 0 || successes == 0) {
            return FASTER_REASON;
        }
        double successModelMs = predict((int) successes, parallelism).makespanMs();
        String text =
                String.format(
                        Locale.ROOT,
                        "Failed requests never hashed: for the %d successful registrations alone the"
                                + " model predicts a makespan of %s ms (measured %s, %s).",
                        successes,
                        Format.number(successModelMs),
                        Format.number(makespanMs),
                        Format.deviation(makespanMs / successModelMs - 1));
        if (makespanMs < successModelMs * (1 - ModelSection.FLAG_THRESHOLD)) {
            text += " " + FASTER_REASON;
        }
        return text;
    }

    /** Returns the hashes a server runs at once in a burst, as the model assumes them. */
    private int parallelism(String server, int requests) {
        Integer setting =
                context.setting(
                        server.equals(ReportContext.BLOCKING) ? "jettyMaxThreads" : "hashPoolSize");
        return setting == null ? requests : setting;
    }

    private List<String> runProblems(Experiment experiment) {
        List<String> reasons = new ArrayList<>();
        if (!experiment.client().path("valid").asBoolean(true)) {
            reasons.add(
                    "The load generator judged this run invalid ("
                            + experiment.client().path("reason").asText("no reason given")
                            + ").");
        }
        if (experiment.errorsTotal() > 0) {
            reasons.add(
                    experiment.errorsTotal()
                            + " requests failed, which changes both the"
                            + " makespan and the latency distribution.");
        }
        if (capacity.estimate()) {
            reasons.add("S itself is an estimate.");
        }
        return reasons;
    }

    /** Spreads the makespan beyond the model over the requests, as CPU time outside the hash. */
    private String overheadReason(String server, double gapMs, int requests) {
        double perRequestMs = gapMs * capacity.cores() / requests;
        String text =
                String.format(
                        Locale.ROOT,
                        "Spread over %d requests on %d cores, the extra makespan is about %s ms of CPU per"
                                + " request outside the hash: connection setup, HTTP, JSON, the database"
                                + " insert, and the load generator sharing the cores.",
                        requests,
                        capacity.cores(),
                        Format.number(perRequestMs));
        Optional<Double> sequential = sequentialOverheadMs.get(server);
        if (sequential.isPresent()) {
            text +=
                    String.format(
                            Locale.ROOT,
                            " For comparison, one sequential registration on this server spends %s ms"
                                    + " beyond the hash.",
                            Format.number(sequential.get()));
        }
        return text;
    }

    /**
     * Compares how the requests finished: the mean as a share of the makespan is about 1 when all
     * finish together and about one half when they finish in turn.
     */
    private static String shapeReason(double measuredShare, double modelShare) {
        String how =
                measuredShare > modelShare
                        ? "more together than the model's parallelism predicts, as when more requests"
                                + " share the cores at once"
                        : "more in turn than the model's parallelism predicts, as when fewer requests"
                                + " run at once";
        if (Math.abs(measuredShare - modelShare) <= ModelSection.FLAG_THRESHOLD * modelShare) {
            how = "as the model's parallelism predicts";
        }
        return String.format(
                Locale.ROOT,
                "The mean is %s%% of the makespan against the model's %s%%: the requests finished"
                        + " %s.",
                Format.number(measuredShare * 100),
                Format.number(modelShare * 100),
                how);
    }

    /** Compares an open-model run's mean latency with the M/D/c prediction. */
    void open(String name) {
        Double[] model = new Double[2];
        Double[] measured = new Double[2];
        Double[] rate = new Double[2];
        for (int i = 0; i < 2; i++) {
            Experiment experiment = context.experiment(ReportContext.SERVERS.get(i), name);
            if (experiment == null) {
                continue;
            }
            rate[i] = experiment.achievedRatePerSec();
            measured[i] = measuredMean(experiment);
            if (rate[i] != null) {
                model[i] =
                        QueueModel.openMeanMillis(rate[i], capacity.cores(), capacity.hashMillis());
            }
        }
        ComparisonTable table =
                new ComparisonTable(
                        Reliability.mark(context, name, "Model against measurement, " + name));
        table.row(
                "target rate",
                "requests/s",
                context.value(ReportContext.BLOCKING, name, Experiment::targetRatePerSec),
                context.value(ReportContext.OFFLOADED, name, Experiment::targetRatePerSec));
        table.row("achieved rate", "requests/s", rate[0], rate[1]);
        table.row(
                "rate / (C/S)",
                "%",
                HashCostSection.percentOf(rate[0], capacity.perSec()),
                HashCostSection.percentOf(rate[1], capacity.perSec()));
        table.row("mean latency, M/D/c model", "ms", model[0], model[1]);
        table.row("mean latency, measured", "ms", measured[0], measured[1]);
        out.table(table);
        Reliability.noteDifferentRates(context, out, name);
        Reliability.noteInvalid(context, out, name);
        for (int i = 0; i < 2; i++) {
            String server = ReportContext.SERVERS.get(i);
            checkOpen(server, context.experiment(server, name), model[i], measured[i]);
        }
    }

    /** Compares a closed-model run's throughput with C/S. */
    void closed(String name) {
        Experiment blocking = context.experiment(ReportContext.BLOCKING, name);
        Experiment offloaded = context.experiment(ReportContext.OFFLOADED, name);
        ComparisonTable table =
                new ComparisonTable(
                        Reliability.mark(context, name, "Model against measurement, " + name));
        table.row("throughput, model C/S", "registrations/s", capacity.perSec(), capacity.perSec());
        table.row(
                "throughput, measured",
                "registrations/s",
                blocking == null ? null : blocking.throughputPerSec(),
                offloaded == null ? null : offloaded.throughputPerSec());
        out.table(table);
        Reliability.noteInvalid(context, out, name);
    }

    /** Compares the server-side time of one sequential registration with S, the hash alone. */
    void sequentialRegister() {
        Double[] serverMean = new Double[2];
        for (int i = 0; i < 2; i++) {
            String server = ReportContext.SERVERS.get(i);
            Experiment experiment = context.experiment(server, "sequential-register");
            PerfLog.WindowStats window =
                    experiment == null ? null : PerfWindow.of(context.server(server), experiment);
            serverMean[i] = window == null ? null : window.total().meanMs();
        }
        ComparisonTable table = new ComparisonTable("One registration against one hash");
        table.row("S, one hash (JMH)", "ms", capacity.hashMillis(), capacity.hashMillis());
        table.row("sequential register, server mean", "ms", serverMean[0], serverMean[1]);
        table.row(
                "server time beyond the hash",
                "ms",
                minus(serverMean[0], capacity.hashMillis()),
                minus(serverMean[1], capacity.hashMillis()));
        out.table(table);
        out.values().put("blockingRegisterOverheadMs", minus(serverMean[0], capacity.hashMillis()));
        out.values()
                .put("offloadedRegisterOverheadMs", minus(serverMean[1], capacity.hashMillis()));
    }

    /** Flags an open-model run whose mean latency deviates from the M/D/c prediction. */
    private void checkOpen(String server, Experiment experiment, Double model, Double measured) {
        if (experiment == null || model == null || measured == null || model <= 0) {
            return;
        }
        double deviation = measured / model - 1;
        if (Math.abs(deviation) <= ModelSection.FLAG_THRESHOLD) {
            return;
        }
        List<String> parts = new ArrayList<>();
        parts.add(
                String.format(
                        Locale.ROOT,
                        "%s %s: mean latency %s ms against %s ms predicted (%s).",
                        server,
                        experiment.name(),
                        Format.number(measured),
                        Format.number(model),
                        Format.deviation(deviation)));
        parts.addAll(runProblems(experiment));
        parts.add(
                deviation > 0
                        ? "Slower than the model: the model counts only the hash, while each request"
                                + " also pays for HTTP, JSON and the database insert, and the load"
                                + " generator shares the cores."
                        : FASTER_REASON);
        out.flag(String.join(" ", parts));
    }

    private QueueModel.BurstPrediction predict(int level, int parallelism) {
        return QueueModel.burst(level, parallelism, capacity.cores(), capacity.hashMillis());
    }

    private static Double makespanOf(QueueModel.BurstPrediction prediction) {
        return prediction == null ? null : prediction.makespanMs();
    }

    private static Double meanOf(QueueModel.BurstPrediction prediction) {
        return prediction == null ? null : prediction.meanMs();
    }

    private static Double measuredMean(Experiment experiment) {
        return experiment == null ? null : SequentialSection.meanOf(experiment.latency());
    }

    private static Optional<Double> optional(Double value) {
        return Optional.ofNullable(value);
    }

    private static Double minus(Double a, Double b) {
        return a == null || b == null ? null : a - b;
    }
}
