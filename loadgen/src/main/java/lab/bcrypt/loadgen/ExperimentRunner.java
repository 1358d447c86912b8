package lab.bcrypt.loadgen;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one experiment: starts the clock, the resource sampler and the health probe, runs the
 * workload, then writes the experiment's directory (histograms, series and {@code summary.json}).
 */
final class ExperimentRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ExperimentRunner.class);

    /** Interval histograms and progress lines are written once a second. */
    private static final long INTERVAL_MILLIS = 1000;

    private final RunSettings settings;
    private final Registrations registrations;
    private final PrintStream progressOut;

    ExperimentRunner(RunSettings settings, Registrations registrations, PrintStream progressOut) {
        this.settings = settings;
        this.registrations = registrations;
        this.progressOut = progressOut;
    }

    /** Runs {@code workload} and writes {@code resultsDir/EXPERIMENT/}; returns the summary. */
    ExperimentSummary run(ExperimentSpec spec, Workload workload, Path resultsDir)
            throws IOException, InterruptedException {
        Path directory = resultsDir.resolve(spec.experiment());
        Files.createDirectories(directory);
        LOG.info("Starting {} on {} ({})", spec.experiment(), spec.server(), spec.target());

        Timeline timeline = Timeline.startNow();
        Progress progress =
                new Progress(
                        spec.server() + " " + spec.experiment(),
                        progressOut,
                        timeline.startNanos());
        ClientCpu clientCpu = ClientCpu.start();
        ResourceSampler sampler =
                new ResourceSampler(settings.serverPid(), spec.target(), timeline);
        HealthProbe probe =
                settings.probeRatePerSec() > 0
                        ? new HealthProbe(
                                spec.target(),
                                settings.probeRatePerSec(),
                                settings.probeTimeoutNanos(),
                                directory,
                                timeline)
                        : null;
        ExperimentRecorder recorder =
                new ExperimentRecorder(directory, timeline, workload.keepsServiceTime(), progress);
        ScheduledExecutorService ticker = startTicker(recorder, probe, progress);

        ExperimentContext context =
                new ExperimentContext(spec, settings, timeline, recorder, progress, registrations);
        Workload.Result result;
        long endNanos;
        try {
            result = workload.run(context);
            endNanos = System.nanoTime();
        } finally {
            // Stopping twice is harmless, and a failed workload must not leave the probe sending.
            if (probe != null) {
                probe.stop();
            }
            ticker.shutdownNow();
            ticker.awaitTermination(INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
            sampler.close();
            recorder.close();
            if (probe != null) {
                probe.close();
            }
        }
        double cpuPercent = clientCpu.percentSinceStart();
        progress.report(System.nanoTime());

        sampler.writeCsv(directory.resolve("resources.csv"));
        ExperimentSummary summary =
                ExperimentSummary.build(
                        spec,
                        settings,
                        timeline,
                        endNanos,
                        recorder,
                        probe,
                        sampler,
                        result,
                        cpuPercent);
        summary.write(directory.resolve("summary.json"));
        if (sampler.lastScrape() != null) {
            Files.writeString(
                    resultsDir.resolve("metrics-end.prom"),
                    sampler.lastScrape(),
                    StandardCharsets.UTF_8);
        }
        return summary;
    }

    private ScheduledExecutorService startTicker(
            ExperimentRecorder recorder, HealthProbe probe, Progress progress) {
        ScheduledExecutorService ticker =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread thread = new Thread(r, "loadgen-ticker");
                            thread.setDaemon(true);
                            return thread;
                        });
        ticker.scheduleAtFixedRate(
                () -> {
                    try {
                        long now = System.nanoTime();
                        recorder.flushInterval(now);
                        if (probe != null) {
                            probe.flushInterval(now);
                        }
                        progress.report(now);
                    } catch (RuntimeException e) {
                        // An exception would cancel every later tick, so log it and go on.
                        LOG.warn("Failed to write an interval histogram: {}", e.toString());
                    }
                },
                INTERVAL_MILLIS,
                INTERVAL_MILLIS,
                TimeUnit.MILLISECONDS);
        return ticker;
    }
}
