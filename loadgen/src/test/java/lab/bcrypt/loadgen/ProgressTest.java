package lab.bcrypt.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The progress line never shows more requests done than expected. */
class ProgressTest {
    @TempDir Path out;

    @Test
    void warmupTotalCountsRegistrationsAndHealthBurst() throws Exception {
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        try (StubServer stub = StubServer.withDelay(2, 0);
                PrintStream progress = new PrintStream(lines, true, StandardCharsets.UTF_8)) {
            Experiments.run(
                    stub.baseUrl(),
                    out,
                    Experiments.settings(0),
                    "warmup",
                    "warmup",
                    Endpoint.REGISTER,
                    1,
                    null,
                    Workloads.warmup(3, 5),
                    progress);
        }
        List<String> printed = lines.toString(StandardCharsets.UTF_8).lines().toList();

        assertThat(printed).isNotEmpty();
        assertThat(printed.get(printed.size() - 1)).contains(" 8/8 done");
    }

    @Test
    void doneNeverExceedsExpectedTotal() {
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        Progress progress =
                new Progress(
                        "stub warmup",
                        new PrintStream(lines, true, StandardCharsets.UTF_8),
                        System.nanoTime());
        progress.expect(2);
        progress.recordDone(false);
        progress.recordDone(false);
        progress.expect(3);
        progress.recordDone(true);
        progress.report(System.nanoTime());

        assertThat(lines.toString(StandardCharsets.UTF_8))
                .contains("3/5 done")
                .contains("1 errors");
    }
}
