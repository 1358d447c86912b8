package lab.bcrypt.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files an experiment writes read back with the counts of the requests it sent. */
class HistogramFilesTest {
    @TempDir Path out;

    @Test
    void hlogCountsEqualRequestsSent() throws Exception {
        int level = 300;
        try (StubServer stub = StubServer.withDelay(2, 5)) {
            ExperimentSummary summary =
                    Experiments.run(
                            stub.baseUrl(),
                            out,
                            Experiments.settings(20),
                            "burst-300",
                            "burst",
                            Endpoint.REGISTER,
                            level,
                            null,
                            Workloads.burst(level));
            Path dir = out.resolve("burst-300");

            assertThat(summary.requests()).isEqualTo(level);
            assertThat(totalCount(dir.resolve("latency.hlog"))).isEqualTo(level);
            assertThat(totalCount(dir.resolve("service.hlog"))).isEqualTo(level);
            long probeRequests = summary.json().get("probe").get("requests").asLong();
            assertThat(probeRequests).isPositive();
            assertThat(totalCount(dir.resolve("probe.hlog"))).isEqualTo(probeRequests);
        }
    }

    @Test
    void experimentWritesEveryDocumentedFile() throws Exception {
        try (StubServer stub = StubServer.withDelay(2, 5)) {
            Experiments.run(
                    stub.baseUrl(),
                    out,
                    Experiments.settings(20),
                    "burst-10",
                    "burst",
                    Endpoint.REGISTER,
                    10,
                    null,
                    Workloads.burst(10));
            Path dir = out.resolve("burst-10");

            for (String file :
                    List.of(
                            "summary.json",
                            "latency.hlog",
                            "latency.hgrm",
                            "service.hlog",
                            "service.hgrm",
                            "probe.hlog",
                            "probe.hgrm",
                            "probe-series.csv",
                            "resources.csv")) {
                assertThat(dir.resolve(file)).as(file).isNotEmptyFile();
            }
            assertThat(out.resolve("metrics-end.prom")).hasContent(StubServer.METRICS_TEXT.strip());
        }
    }

    @Test
    void summaryHasEveryDocumentedField() throws Exception {
        try (StubServer stub = StubServer.withDelay(2, 5)) {
            Experiments.run(
                    stub.baseUrl(),
                    out,
                    Experiments.settings(20),
                    "burst-10",
                    "burst",
                    Endpoint.REGISTER,
                    10,
                    null,
                    Workloads.burst(10));
            JsonNode summary =
                    new ObjectMapper().readTree(out.resolve("burst-10/summary.json").toFile());

            for (String field :
                    List.of(
                            "schemaVersion",
                            "server",
                            "experiment",
                            "kind",
                            "endpoint",
                            "target",
                            "warmup",
                            "concurrency",
                            "targetRatePerSec",
                            "achievedRatePerSec",
                            "requests",
                            "successes",
                            "statusCounts",
                            "errors",
                            "startEpochMs",
                            "endEpochMs",
                            "durationMs",
                            "makespanMs",
                            "throughputPerSec",
                            "latencyMs",
                            "serviceTimeMs",
                            "sendLagMs",
                            "probe",
                            "client",
                            "serverResources")) {
                assertThat(summary.has(field)).as(field).isTrue();
            }
            assertThat(summary.get("statusCounts").get("201").asInt()).isEqualTo(10);
            assertThat(summary.get("client").get("valid").isBoolean()).isTrue();
            assertThat(summary.get("serverResources").get("rssMaxBytes").asLong()).isPositive();
        }
    }

    @Test
    void hgrmIsInMilliseconds() throws Exception {
        try (StubServer stub = StubServer.withDelay(2, 50)) {
            Experiments.run(
                    stub.baseUrl(),
                    out,
                    Experiments.settings(0),
                    "sequential-register",
                    "sequential",
                    Endpoint.REGISTER,
                    1,
                    null,
                    Workloads.sequential(5, false));
            List<String> lines =
                    Files.readAllLines(out.resolve("sequential-register/latency.hgrm"));

            // The first data row's value is the minimum: at least the 50 ms handler delay.
            String firstRow = lines.get(3).trim();
            double minimumMillis = Double.parseDouble(firstRow.split("\\s+")[0]);
            assertThat(minimumMillis).isBetween(45.0, 5_000.0);
        }
    }

    static long totalCount(Path hlog) throws FileNotFoundException {
        HistogramLogReader reader = new HistogramLogReader(new File(hlog.toString()));
        long total = 0;
        EncodableHistogram interval;
        while ((interval = reader.nextIntervalHistogram()) != null) {
            total += ((org.HdrHistogram.Histogram) interval).getTotalCount();
        }
        reader.close();
        return total;
    }
}
