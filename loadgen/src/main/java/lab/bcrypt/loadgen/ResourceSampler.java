package lab.bcrypt.loadgen;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples the server every {@value #SAMPLE_INTERVAL_MILLIS} ms: CPU, resident memory and threads
 * from {@code /proc/PID} when the server runs on this machine, and the {@code /metrics} series
 * listed in {@link MetricsText} when the server exposes them. Rows use the experiment's {@link
 * Timeline}, so they line up with the latency intervals, and go to {@code resources.csv}.
 */
final class ResourceSampler implements AutoCloseable {
    static final long SAMPLE_INTERVAL_MILLIS = 250;

    /**
     * A scrape that takes longer is abandoned, so the sampler keeps its interval even when the
     * server's request threads are all busy. Those rows have empty {@code /metrics} columns.
     */
    private static final long SCRAPE_TIMEOUT_MILLIS = 200;

    private static final String HEADER =
            "tMs,epochMs,cpuPercent,rssBytes,threads,heapUsedBytes,jettyThreadsBusy,jettyQueue,"
                    + "hashActive,hashQueued,hashRejected";
    private static final List<String> METRIC_COLUMNS =
            List.of(
                    MetricsText.HEAP_USED,
                    MetricsText.JETTY_BUSY,
                    MetricsText.JETTY_QUEUE,
                    MetricsText.HASH_ACTIVE,
                    MetricsText.HASH_QUEUED,
                    MetricsText.HASH_REJECTED);

    private final Timeline timeline;
    private final ProcStats proc;
    private final LoadClient metricsClient;
    private final ScheduledExecutorService executor;
    private final List<Row> rows = new ArrayList<>();
    private long previousCpuNanos = -1;
    private long previousSampleNanos;
    private volatile boolean metricsSeen;
    private String lastScrape;

    /** One row of {@code resources.csv}; -1 or NaN mark a value that was not available. */
    record Row(
            long tMs,
            long epochMs,
            double cpuPercent,
            long rssBytes,
            long threads,
            Map<String, Double> metrics) {}

    /**
     * Starts sampling.
     *
     * @param pid the server's process id, or null when it runs elsewhere
     * @param target the server's base URL, for {@code /metrics}
     */
    ResourceSampler(Long pid, String target, Timeline timeline) {
        this.timeline = timeline;
        this.proc = pid == null ? null : new ProcStats(pid);
        this.metricsClient = new LoadClient(target, 1, false, "metrics");
        this.executor =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread thread = new Thread(r, "loadgen-resources");
                            thread.setDaemon(true);
                            return thread;
                        });
        this.previousSampleNanos = System.nanoTime();
        executor.scheduleAtFixedRate(
                this::sample, 0, SAMPLE_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void sample() {
        long nowNanos = System.nanoTime();
        double cpuPercent = Double.NaN;
        long rssBytes = -1;
        long threads = -1;
        if (proc != null) {
            ProcStats.Sample sample = proc.read();
            cpuPercent = cpuPercent(sample.cpuNanos(), nowNanos);
            rssBytes = sample.rssBytes();
            threads = sample.threads();
        }
        String text = metricsClient.getText("/metrics", SCRAPE_TIMEOUT_MILLIS);
        Map<String, Double> metrics = text == null ? Map.of() : MetricsText.parse(text);
        if (text != null) {
            metricsSeen = true;
            lastScrape = text;
        }
        Row row =
                new Row(
                        timeline.elapsedMs(nowNanos),
                        timeline.epochMs(nowNanos),
                        cpuPercent,
                        rssBytes,
                        threads,
                        metrics);
        synchronized (rows) {
            rows.add(row);
        }
    }

    private double cpuPercent(long cpuNanos, long nowNanos) {
        double percent = Double.NaN;
        if (cpuNanos >= 0 && previousCpuNanos >= 0 && nowNanos > previousSampleNanos) {
            percent = 100.0 * (cpuNanos - previousCpuNanos) / (nowNanos - previousSampleNanos);
        }
        previousCpuNanos = cpuNanos;
        previousSampleNanos = nowNanos;
        return percent;
    }

    /** Stops sampling; the rows stay readable. */
    void stop() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(SCRAPE_TIMEOUT_MILLIS * 4, TimeUnit.MILLISECONDS);
    }

    List<Row> rows() {
        synchronized (rows) {
            return new ArrayList<>(rows);
        }
    }

    boolean procAvailable() {
        return proc != null;
    }

    boolean metricsSeen() {
        return metricsSeen;
    }

    /** Returns the text of the last successful scrape, or null. */
    String lastScrape() {
        return lastScrape;
    }

    void writeCsv(Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.write('\n');
            for (Row row : rows()) {
                out.write(format(row));
                out.write('\n');
            }
        }
    }

    private static String format(Row row) {
        StringBuilder line = new StringBuilder();
        line.append(row.tMs()).append(',').append(row.epochMs()).append(',');
        line.append(
                Double.isNaN(row.cpuPercent())
                        ? ""
                        : String.format(Locale.ROOT, "%.1f", row.cpuPercent()));
        line.append(',').append(row.rssBytes() < 0 ? "" : Long.toString(row.rssBytes()));
        line.append(',').append(row.threads() < 0 ? "" : Long.toString(row.threads()));
        for (String column : METRIC_COLUMNS) {
            Double value = row.metrics().get(column);
            line.append(',').append(value == null ? "" : String.format(Locale.ROOT, "%.0f", value));
        }
        return line.toString();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
        metricsClient.close();
    }
}
