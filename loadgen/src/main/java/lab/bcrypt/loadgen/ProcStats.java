package lab.bcrypt.loadgen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a process's CPU time, resident memory and thread count from Linux's {@code /proc}.
 *
 * <p>CPU time comes from fields 14 and 15 of {@code /proc/PID/stat} (user and system time in clock
 * ticks); resident memory and threads from {@code VmRSS} and {@code Threads} in {@code
 * /proc/PID/status}.
 */
final class ProcStats {
    /**
     * Clock ticks per second of {@code /proc/PID/stat}: {@code USER_HZ}, which Linux fixes at 100
     * on x86 and ARM ({@code getconf CLK_TCK} prints it).
     */
    static final long CLOCK_TICKS_PER_SECOND = 100;

    private static final long NANOS_PER_TICK = 1_000_000_000L / CLOCK_TICKS_PER_SECOND;
    private static final long BYTES_PER_KIB = 1024;

    /** Index of utime among the fields after the command name, which ends with ')'. */
    private static final int UTIME_INDEX = 11;

    private static final int STIME_INDEX = 12;

    private final Path statFile;
    private final Path statusFile;

    /** One reading; a field is -1 when the file could not be read. */
    record Sample(long cpuNanos, long rssBytes, long threads) {}

    ProcStats(long pid) {
        this.statFile = Path.of("/proc", Long.toString(pid), "stat");
        this.statusFile = Path.of("/proc", Long.toString(pid), "status");
    }

    /** Returns whether {@code /proc} has this process, which holds on Linux while it runs. */
    boolean available() {
        return Files.isReadable(statFile);
    }

    Sample read() {
        long rssKib = readStatus("VmRSS:");
        return new Sample(
                readCpuNanos(), rssKib < 0 ? -1 : rssKib * BYTES_PER_KIB, readStatus("Threads:"));
    }

    private long readCpuNanos() {
        try {
            String stat = Files.readString(statFile, StandardCharsets.US_ASCII);
            // The command name may contain spaces, so fields are counted after its closing ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            long ticks = Long.parseLong(fields[UTIME_INDEX]) + Long.parseLong(fields[STIME_INDEX]);
            return ticks * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private long readStatus(String key) {
        try {
            List<String> lines = Files.readAllLines(statusFile, StandardCharsets.US_ASCII);
            for (String line : lines) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
                }
            }
            return -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
