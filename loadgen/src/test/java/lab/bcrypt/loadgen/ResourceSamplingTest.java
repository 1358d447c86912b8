package lab.bcrypt.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResourceSamplingTest {
    @TempDir Path out;

    @Test
    void metricsTextReadsLabColumns() {
        Map<String, Double> values = MetricsText.parse(StubServer.METRICS_TEXT);

        assertThat(values).containsEntry(MetricsText.HEAP_USED, 3000.0);
        assertThat(values).containsEntry(MetricsText.JETTY_BUSY, 3.0);
        assertThat(values).containsEntry(MetricsText.JETTY_QUEUE, 7.0);
        assertThat(values).containsEntry(MetricsText.HASH_ACTIVE, 2.0);
        assertThat(values).containsEntry(MetricsText.HASH_QUEUED, 11.0);
        assertThat(values).containsEntry(MetricsText.HASH_REJECTED, 4.0);
    }

    @Test
    void metricsTextSumFindsLabelledSeries() {
        assertThat(
                        MetricsText.sum(
                                StubServer.METRICS_TEXT,
                                "executor_queue_remaining_tasks",
                                "name=\"bcrypt\""))
                .isEqualTo(64.0);
        assertThat(MetricsText.sum(StubServer.METRICS_TEXT, "jetty_threads_config_max", ""))
                .isEqualTo(200.0);
        assertThat(MetricsText.sum(StubServer.METRICS_TEXT, "no_such_metric", "")).isNull();
    }

    @Test
    void procStatsReadThisProcess() {
        ProcStats.Sample sample = new ProcStats(ProcessHandle.current().pid()).read();

        assertThat(sample.cpuNanos()).isPositive();
        assertThat(sample.rssBytes()).isPositive();
        assertThat(sample.threads()).isPositive();
    }

    @Test
    void samplerWritesRowsEvery250Millis() throws Exception {
        try (StubServer stub = StubServer.withDelay(2, 0)) {
            Timeline timeline = Timeline.startNow();
            ResourceSampler sampler =
                    new ResourceSampler(ProcessHandle.current().pid(), stub.baseUrl(), timeline);
            // Wait for at least four samples, bounded so a stuck sampler fails the test.
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (sampler.rows().size() < 5 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            sampler.close();
            Path csv = out.resolve("resources.csv");
            sampler.writeCsv(csv);
            List<String> lines = Files.readAllLines(csv);

            assertThat(lines.get(0))
                    .isEqualTo(
                            "tMs,epochMs,cpuPercent,rssBytes,threads,heapUsedBytes,jettyThreadsBusy,"
                                    + "jettyQueue,hashActive,hashQueued,hashRejected");
            assertThat(lines).hasSizeGreaterThanOrEqualTo(6);
            String[] second = lines.get(2).split(",", -1);
            assertThat(second).hasSize(11);
            assertThat(second[2]).as("cpuPercent").isNotEmpty();
            assertThat(Long.parseLong(second[3])).as("rssBytes").isPositive();
            assertThat(second[5]).as("heapUsedBytes").isEqualTo("3000");
            assertThat(second[10]).as("hashRejected").isEqualTo("4");
            long firstTMs = Long.parseLong(lines.get(1).split(",")[0]);
            long lastTMs = Long.parseLong(lines.get(lines.size() - 1).split(",")[0]);
            assertThat(lastTMs - firstTMs).isGreaterThanOrEqualTo(4 * 250 - 50);
        }
    }
}
