package lab.bcrypt.loadgen;

import java.lang.management.ManagementFactory;

/** Measures the load generator's own CPU use over an interval, 100 = one core busy. */
final class ClientCpu {
    private final com.sun.management.OperatingSystemMXBean os;
    private final long startCpuNanos;
    private final long startNanos;

    private ClientCpu() {
        java.lang.management.OperatingSystemMXBean bean =
                ManagementFactory.getOperatingSystemMXBean();
        this.os = bean instanceof com.sun.management.OperatingSystemMXBean sun ? sun : null;
        this.startCpuNanos = cpuNanos();
        this.startNanos = System.nanoTime();
    }

    static ClientCpu start() {
        return new ClientCpu();
    }

    private long cpuNanos() {
        return os == null ? -1 : os.getProcessCpuTime();
    }

    /** CPU percent since {@link #start()}, or NaN when the JVM does not report process CPU. */
    double percentSinceStart() {
        long cpu = cpuNanos();
        long elapsed = System.nanoTime() - startNanos;
        if (cpu < 0 || startCpuNanos < 0 || elapsed <= 0) {
            return Double.NaN;
        }
        return 100.0 * (cpu - startCpuNanos) / elapsed;
    }
}
