package lab.bcrypt.loadgen;

import com.sun.management.UnixOperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Checks option values before any request is sent. Each failed check throws a {@link
 * ParameterException} that names the option, the bad value and the valid range, so picocli prints
 * one message and the command exits with status 2.
 */
final class OptionChecks {
    /**
     * Maximum request or probe timeout: the latency histograms record up to 10 minutes, so a longer
     * timeout could not be recorded at its real value.
     */
    static final long MAX_TIMEOUT_MILLIS =
            TimeUnit.NANOSECONDS.toMillis(LatencyLog.HIGHEST_TRACKABLE_NANOS);

    /** Maximum duration of a closed or open run: one day keeps every run bounded in time. */
    static final long MAX_DURATION_SECONDS = TimeUnit.DAYS.toSeconds(1);

    /**
     * Maximum open-model rate: about 30 times the 3000 requests per second the load generator
     * sustained in scripts/client-check.sh on the 2-core lab machine. Far above it, the scheduler
     * only records send lag.
     */
    static final double MAX_RATE_PER_SEC = 100_000;

    /**
     * Maximum probe rate: the probe measures the server and should not load it. Above 1000 per
     * second it is a load of its own, which is the open model's job.
     */
    static final double MAX_PROBE_RATE_PER_SEC = 1000;

    /**
     * File descriptors the load generator needs besides one per concurrent connection: the JVM's
     * jars, the result files, the resource sampler's connection and the client's selectors. A
     * sequential run on Java 17 had 17 open (counted in /proc/PID/fd), so 256 leaves wide headroom.
     */
    static final long RESERVED_FILE_DESCRIPTORS = 256;

    private static final String URL_HINT = "Use a base URL such as http://127.0.0.1:7070.";

    private final CommandSpec spec;

    OptionChecks(CommandSpec spec) {
        this.spec = spec;
    }

    private ParameterException invalid(String option, Object value, String rule) {
        return new ParameterException(
                spec.commandLine(),
                String.format(Locale.ROOT, "Invalid value '%s' for %s: %s", value, option, rule));
    }

    void atLeast(String option, long value, long min) {
        if (value < min) {
            throw invalid(option, value, "use a whole number of at least " + min + ".");
        }
    }

    void between(String option, long value, long min, long max, String reason) {
        if (value < min || value > max) {
            throw invalid(
                    option,
                    value,
                    String.format(
                            Locale.ROOT, "use a whole number from %d to %d; %s", min, max, reason));
        }
    }

    /** Requires a finite rate in {@code (0, max]}, or {@code [0, max]} when zero is allowed. */
    void rate(String option, double value, boolean zeroAllowed, double max, String reason) {
        boolean inRange =
                Double.isFinite(value) && (zeroAllowed ? value >= 0 : value > 0) && value <= max;
        if (!inRange) {
            String low = zeroAllowed ? "from 0" : "above 0";
            throw invalid(
                    option,
                    value,
                    String.format(
                            Locale.ROOT,
                            "use a finite number %s up to %.0f; %s",
                            low,
                            max,
                            reason));
        }
    }

    /** Parses an endpoint name, or rejects it with the names that are valid. */
    Endpoint endpoint(String option, String value) {
        for (Endpoint endpoint : Endpoint.values()) {
            if (endpoint.label().equals(value)) {
                return endpoint;
            }
        }
        throw invalid(option, value, "use 'health' or 'register'.");
    }

    /** Requires an {@code http://HOST[:PORT][/PATH]} URL without query or fragment. */
    void httpUrl(String option, String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw invalid(option, value, "not a URL (" + e.getReason() + "). " + URL_HINT);
        }
        if (uri.getScheme() == null) {
            throw invalid(option, value, "the URL has no http:// scheme. " + URL_HINT);
        }
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            throw invalid(option, value, "the load generator speaks plain HTTP only. " + URL_HINT);
        }
        if (uri.getHost() == null) {
            throw invalid(option, value, "the URL has no host. " + URL_HINT);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid(option, value, "a base URL has no query or fragment. " + URL_HINT);
        }
    }

    /** Creates {@code dir} if needed and requires that it is a writable directory. */
    void writableDirectory(String option, Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException | SecurityException e) {
            throw invalid(
                    option,
                    dir,
                    "cannot create the directory (" + reason(e) + "). Choose another.");
        }
        if (!Files.isWritable(dir)) {
            throw invalid(option, dir, "the directory is not writable. Choose another.");
        }
    }

    private static String reason(Exception e) {
        if (e instanceof AccessDeniedException || e instanceof SecurityException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
            return fileSystem.getReason();
        }
        return e.getMessage();
    }

    /** Requires a name usable as one directory: letters, digits, '.', '_' and '-'. */
    void directoryName(String option, String value) {
        if (!value.matches("[A-Za-z0-9._-]+") || value.equals(".") || value.equals("..")) {
            throw invalid(
                    option,
                    value,
                    "it names a results directory, so use letters, digits, '.', '_' and '-' only.");
        }
    }

    /** Requires the id of a process that runs on this machine. */
    void runningPid(String option, long pid) {
        if (pid <= 0 || ProcessHandle.of(pid).isEmpty()) {
            throw invalid(option, pid, "no such process on this machine. Pass the server's PID.");
        }
    }

    /**
     * Requires that {@code connections} concurrent connections fit in the process's open-file
     * limit, beside {@code otherConnections} (the probe's) and {@link #RESERVED_FILE_DESCRIPTORS}.
     */
    void fitsFileLimit(String option, long connections, long otherConnections) {
        long limit = maxFileDescriptors();
        if (limit <= 0) {
            return;
        }
        long max = limit - RESERVED_FILE_DESCRIPTORS - otherConnections;
        if (connections > max) {
            throw invalid(
                    option,
                    connections,
                    String.format(
                            Locale.ROOT,
                            "use at most %d. Each request in flight needs its own connection, so"
                                    + " one file descriptor, and the open-file limit (ulimit -n)"
                                    + " is %d, of which %d are kept for the probe's connections"
                                    + " and %d for the JVM and result files. Raise the limit or"
                                    + " lower the value.",
                            max,
                            limit,
                            otherConnections,
                            RESERVED_FILE_DESCRIPTORS));
        }
    }

    /** Returns the open-file limit of this process, or -1 where the JVM does not report it. */
    static long maxFileDescriptors() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return -1;
    }
}
