package lab.bcrypt.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerfLogTest {

    private static final long START_MS = Instant.parse("2026-12-04T16:00:00Z").toEpochMilli();

    @TempDir Path dir;

    private PerfLog write(String... lines) throws IOException {
        Path file = dir.resolve("perf.log");
        Files.write(file, List.of(lines));
        return PerfLog.read(file);
    }

    private static String line(String ts, String path, long totalMicros, long queuedMicros) {
        return "{\"ts\":\""
                + ts
                + "\",\"method\":\"GET\",\"path\":\""
                + path
                + "\",\"status\":200,\"totalMicros\":"
                + totalMicros
                + ",\"queuedMicros\":"
                + queuedMicros
                + "}";
    }

    @Test
    void window_keepsOnlyMatchingPathAndTime() throws IOException {
        PerfLog log =
                write(
                        line("2026-12-04T16:00:00.100Z", "/api/health/", 2000, 100),
                        line("2026-12-04T16:00:00.200Z", "/api/users/register/", 90000, 10),
                        line("2026-12-04T16:00:05.000Z", "/api/health/", 8000, 100));

        PerfLog.WindowStats stats = log.window("/api/health", START_MS, START_MS + 1000);

        assertThat(stats.count()).isEqualTo(1);
        assertThat(stats.total().meanMs()).isCloseTo(2.0, offset(0.01));
        assertThat(stats.queued().meanMs()).isCloseTo(0.1, offset(0.001));
    }

    @Test
    void window_withoutMatches_isNull() throws IOException {
        PerfLog log = write(line("2026-12-04T16:00:00.100Z", "/api/health/", 2000, 100));

        assertThat(log.window("/api/users/register", START_MS, START_MS + 1000)).isNull();
    }

    @Test
    void unreadableLines_areCountedAndSkipped() throws IOException {
        PerfLog log = write("not json", line("2026-12-04T16:00:00.100Z", "/api/health/", 1, 0), "");

        assertThat(log.size()).isEqualTo(1);
        assertThat(log.unreadableLines()).isEqualTo(1);
    }

    @Test
    void missingFile_givesEmptyLog() {
        assertThat(PerfLog.read(dir.resolve("absent.log")).isEmpty()).isTrue();
    }

    @Test
    void nullQueuedMicros_countsTotalOnly() throws IOException {
        PerfLog log =
                write(
                        "{\"ts\":\"2026-12-04T16:00:00.100Z\",\"method\":\"GET\",\"path\":\"/api/health/\","
                                + "\"status\":404,\"totalMicros\":3000,\"queuedMicros\":null}");

        PerfLog.WindowStats stats = log.window("/api/health", START_MS, START_MS + 1000);

        assertThat(stats.total().meanMs()).isCloseTo(3.0, offset(0.01));
        assertThat(stats.queued()).isNull();
    }
}
