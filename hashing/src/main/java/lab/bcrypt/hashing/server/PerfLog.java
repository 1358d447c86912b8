package lab.bcrypt.hashing.server;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The performance log: one JSON object per request and line, for example
 *
 * <pre>
 * {"ts":"2026-12-04T16:00:00.123Z","method":"POST","path":"/api/users/register/","status":201,"totalMicros":104233,"queuedMicros":12}
 * </pre>
 *
 * <p>Lines go to a buffer and reach the file at least once a second and at {@link #close()}, so a
 * request pays for a buffered write, not for disk I/O. It logs no body, query string or header.
 */
public final class PerfLog implements AutoCloseable {

    /** Largest delay between a request and its line reaching the file. */
    private static final long FLUSH_INTERVAL_MILLIS = 1000;

    /** Write buffer: a few hundred lines, about a second of a heavy lab run. */
    private static final int BUFFER_CHARS = 64 * 1024;

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
                    .withZone(ZoneOffset.UTC);

    private static final Logger LOG = LoggerFactory.getLogger(PerfLog.class);

    private final Path file;
    private final BufferedWriter writer;
    private final ScheduledExecutorService flusher;
    private boolean failed;

    private PerfLog(Path file, BufferedWriter writer) {
        this.file = file;
        this.writer = writer;
        this.flusher =
                Executors.newSingleThreadScheduledExecutor(
                        runnable -> {
                            Thread thread = new Thread(runnable, "perf-log-flush");
                            thread.setDaemon(true);
                            return thread;
                        });
        flusher.scheduleWithFixedDelay(
                this::flush, FLUSH_INTERVAL_MILLIS, FLUSH_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Opens {@code file} for appending, creating it and its directory if needed.
     *
     * @throws UncheckedIOException when the file cannot be opened
     */
    public static PerfLog open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            BufferedWriter writer =
                    new BufferedWriter(
                            Files.newBufferedWriter(
                                    file,
                                    StandardCharsets.UTF_8,
                                    StandardOpenOption.CREATE,
                                    StandardOpenOption.APPEND),
                            BUFFER_CHARS);
            return new PerfLog(file, writer);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the performance log " + file, e);
        }
    }

    /** Returns the file written to. */
    public Path file() {
        return file;
    }

    /**
     * Appends one line.
     *
     * @param queuedMicros the wait before the handler started, or negative when no handler ran
     *     (Jetty answered the request itself), written as {@code null}
     */
    public void write(
            Instant begin,
            String method,
            String path,
            int status,
            long totalMicros,
            long queuedMicros) {
        String line =
                String.format(
                        Locale.ROOT,
                        "{\"ts\":\"%s\",\"method\":\"%s\",\"path\":\"%s\",\"status\":%d,"
                                + "\"totalMicros\":%d,\"queuedMicros\":%s}%n",
                        TIMESTAMP.format(begin),
                        escape(method),
                        escape(path),
                        status,
                        totalMicros,
                        queuedMicros < 0 ? "null" : Long.toString(queuedMicros));
        synchronized (this) {
            if (failed) {
                return;
            }
            try {
                writer.write(line);
            } catch (IOException e) {
                fail(e);
            }
        }
    }

    private static String escape(String value) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(value));
    }

    private synchronized void flush() {
        if (failed) {
            return;
        }
        try {
            writer.flush();
        } catch (IOException e) {
            fail(e);
        }
    }

    /** Logs the first write failure once; later lines are dropped rather than failing requests. */
    private void fail(IOException e) {
        failed = true;
        LOG.error("Writing the performance log {} failed; no more lines are written", file, e);
    }

    /** Flushes and closes the file. */
    @Override
    public void close() {
        flusher.shutdown();
        synchronized (this) {
            try {
                writer.close();
            } catch (IOException e) {
                LOG.error("Closing the performance log {} failed", file, e);
            }
        }
    }
}
