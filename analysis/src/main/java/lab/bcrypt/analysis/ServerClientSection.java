package lab.bcrypt.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Section 8: each server's own perf log against the client's timing of the same requests. The perf
 * log starts its clock when the server first sees the request, so time spent before that (the
 * kernel's accept backlog, connection setup) is invisible to it.
 */
final class ServerClientSection implements Section {

    /** A gap below this many milliseconds is network and parsing noise, never flagged. */
    private static final double GAP_FLOOR_MILLIS = 1.0;

    /**
     * Share of the client's slowest request by which the server's slowest may exceed it before it
     * counts as impossible: the lab's histograms keep 3 significant digits, and {@code ts} has
     * millisecond resolution.
     */
    private static final double MAX_TOLERANCE_SHARE = 0.01;

    @Override
    public String title() {
        return "Server-side against client-side time";
    }

    @Override
    public void write(ReportContext context, SectionOutput out) {
        for (String server : ReportContext.SERVERS) {
            PerfLog perfLog = context.server(server).perfLog();
            if (perfLog.isEmpty()) {
                out.missing(perfLog.problem());
            }
        }
        out.paragraph(
                "Client time is the load generator's. Server time is `totalMicros` (from the"
                        + " moment the server first saw the request to the complete response) and"
                        + " `queuedMicros` (from that moment to the handler's start, the wait for a"
                        + " request thread) from the perf log, over the requests that started during"
                        + " each experiment. The gap is client mean minus server mean: time the"
                        + " server's own log cannot see. A gap below zero is impossible for the"
                        + " same requests, so it is flagged as a measurement problem.");
        int flagged = 0;
        for (String name : context.experimentNames()) {
            flagged += writeExperiment(context, out, name);
        }
        out.values().put("blindSpots", flagged);
        if (flagged > 0) {
            out.paragraph(
                    "Where a flag above shows a gap, that time passed before the server first saw"
                            + " the request: in the kernel's TCP accept backlog, or setting up the new"
                            + " connection each burst request opens; or on the way back to the client."
                            + " The perf log cannot see it, so a server's own log understates what its"
                            + " clients wait. The queued rows show the part the log does see: the wait"
                            + " for a request thread.");
        }
    }

    private static int writeExperiment(ReportContext context, SectionOutput out, String name) {
        ComparisonTable table =
                new ComparisonTable(
                        Reliability.mark(context, name, "Server log against client, " + name));
        Side[] main = new Side[2];
        Side[] probe = new Side[2];
        for (int i = 0; i < 2; i++) {
            String server = ReportContext.SERVERS.get(i);
            Experiment experiment = context.experiment(server, name);
            if (experiment == null) {
                out.missing(context.summaryMissing(server, name));
                continue;
            }
            main[i] =
                    Side.of(
                            experiment.latency(),
                            PerfWindow.of(context.server(server), experiment));
            if (experiment.probe() != null) {
                probe[i] =
                        Side.of(
                                experiment.probeLatency(),
                                PerfWindow.of(
                                        context.server(server),
                                        experiment,
                                        PerfWindow.HEALTH_PATH));
            }
        }
        String endpoint = endpointOf(context, name);
        addRows(table, endpoint, main);
        if (probe[0] != null || probe[1] != null) {
            addRows(table, "health probe", probe);
        }
        out.table(table);
        Reliability.noteInvalid(context, out, name);
        List<String> impossible = new ArrayList<>();
        impossible.addAll(negativeGapTexts(endpoint, main));
        impossible.addAll(negativeGapTexts("health probe", probe));
        impossible.addAll(longerThanClientMaxTexts(endpoint, main));
        impossible.addAll(longerThanClientMaxTexts("health probe", probe));
        if (!impossible.isEmpty()) {
            out.flag(
                    name
                            + ": measurement problem, not a blind spot. "
                            + String.join(" ", impossible)
                            + " A server cannot spend longer on a request than its client waits"
                            + " for it, so the server's start stamp is earlier than the request was"
                            + " sent (its estimate for a request that waited for a thread or a new"
                            + " connection), or its log lines are not the client's requests.");
        }
        List<String> gaps = new ArrayList<>();
        gaps.addAll(gapTexts(endpoint, main));
        gaps.addAll(gapTexts("health probe", probe));
        if (gaps.isEmpty()) {
            return 0;
        }
        out.flag(name + ": the server's log misses " + String.join("; ", gaps) + ".");
        return 1;
    }

    private static String endpointOf(ReportContext context, String name) {
        for (String server : ReportContext.SERVERS) {
            Experiment experiment = context.experiment(server, name);
            if (experiment != null && !experiment.endpoint().isEmpty()) {
                return experiment.endpoint();
            }
        }
        return "requests";
    }

    private static void addRows(ComparisonTable table, String label, Side[] sides) {
        table.row(label + ": client mean", "ms", clientMean(sides[0]), clientMean(sides[1]));
        table.row(label + ": server total mean", "ms", serverMean(sides[0]), serverMean(sides[1]));
        table.optionalRow(
                label + ": server queued mean", "ms", queuedMean(sides[0]), queuedMean(sides[1]));
        table.row(label + ": gap, client - server", "ms", gap(sides[0]), gap(sides[1]));
        table.row(
                label + ": requests timed by the client",
                "requests",
                sides[0] == null ? null : sides[0].clientCount(),
                sides[1] == null ? null : sides[1].clientCount());
        table.row(
                label + ": requests logged by the server",
                "requests",
                sides[0] == null ? null : sides[0].loggedCount(),
                sides[1] == null ? null : sides[1].loggedCount());
    }

    /**
     * Describes each server's gap that is over 15% of the client's mean and over 1 ms, such as
     * "12.0 ms of the blocking server's 40.0 ms register mean (30%)".
     */
    private static List<String> gapTexts(String label, Side[] sides) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Double gap = gap(sides[i]);
            if (gap == null) {
                continue;
            }
            double clientMeanMs = sides[i].client().meanMs();
            double share = gap / clientMeanMs;
            if (gap > GAP_FLOOR_MILLIS && share > ModelSection.FLAG_THRESHOLD) {
                texts.add(
                        String.format(
                                Locale.ROOT,
                                "%s ms of the %s server's %s ms %s mean (%s%%)",
                                Format.number(gap),
                                ReportContext.SERVERS.get(i),
                                Format.number(clientMeanMs),
                                label,
                                Format.number(share * 100)));
            }
        }
        return texts;
    }

    /**
     * Describes each server whose logged mean exceeds the client's mean by more than the noise
     * floor, with both request counts so a reader can see whether the sets match.
     */
    private static List<String> negativeGapTexts(String label, Side[] sides) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Double gap = gap(sides[i]);
            if (gap == null || gap >= -GAP_FLOOR_MILLIS) {
                continue;
            }
            texts.add(
                    String.format(
                            Locale.ROOT,
                            "The %s server logged a %s mean of %s ms over %s, longer than the client's"
                                    + " %s ms over %s (gap %s ms).",
                            ReportContext.SERVERS.get(i),
                            label,
                            Format.number(serverMean(sides[i])),
                            Format.plural(sides[i].server().count(), "request", "requests"),
                            Format.number(clientMean(sides[i])),
                            Format.plural(sides[i].client().count(), "request", "requests"),
                            Format.number(gap)));
        }
        return texts;
    }

    /**
     * Describes each server whose slowest logged request took longer than the client's slowest,
     * beyond the noise floor: no request of the client's can have taken that long on the server.
     */
    private static List<String> longerThanClientMaxTexts(String label, Side[] sides) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Side side = sides[i];
            if (side == null || side.client() == null || side.server() == null) {
                continue;
            }
            double serverMaxMs = side.server().total().maxMs();
            double clientMaxMs = side.client().maxMs();
            double toleranceMs = Math.max(GAP_FLOOR_MILLIS, clientMaxMs * MAX_TOLERANCE_SHARE);
            if (serverMaxMs > clientMaxMs + toleranceMs) {
                texts.add(
                        String.format(
                                Locale.ROOT,
                                "The %s server's slowest logged %s request took %s ms, longer than the"
                                        + " client's slowest (%s ms).",
                                ReportContext.SERVERS.get(i),
                                label,
                                Format.number(serverMaxMs),
                                Format.number(clientMaxMs)));
            }
        }
        return texts;
    }

    private static Double clientMean(Side side) {
        return side == null || side.client() == null ? null : side.client().meanMs();
    }

    private static Double serverMean(Side side) {
        return side == null || side.server() == null ? null : side.server().total().meanMs();
    }

    private static Double queuedMean(Side side) {
        if (side == null || side.server() == null || side.server().queued() == null) {
            return null;
        }
        return side.server().queued().meanMs();
    }

    private static Double gap(Side side) {
        Double client = clientMean(side);
        Double server = serverMean(side);
        return client == null || server == null ? null : client - server;
    }

    /** The client's and the server's view of the same requests. */
    private record Side(LatencyStats client, PerfLog.WindowStats server) {
        static Side of(LatencyStats client, PerfLog.WindowStats server) {
            return new Side(client, server);
        }

        Double clientCount() {
            return client == null ? null : (double) client.count();
        }

        Double loggedCount() {
            return server == null ? null : (double) server.count();
        }
    }
}
