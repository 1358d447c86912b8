package lab.bcrypt.jmh;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * bcrypt hashes per second at one cost, on 1, 2 and 4 threads.
 *
 * <p><b>Question:</b> how many hashes per second can this machine compute at all? That is the
 * ceiling any server's registrations per second are compared against: C cores divided by S seconds
 * per hash.
 *
 * <p><b>Expected:</b> the score grows with the thread count up to the number of cores and then
 * stays flat. On 2 cores, two threads give about twice the hashes per second of one thread, and
 * four threads give about the same as two: the extra threads only share the cores, and each of
 * their hashes takes twice as long. A score that keeps growing past the core count means the
 * threads do not do the work the harness thinks they do.
 *
 * <p><b>Not for:</b> a server's capacity. A server also parses requests, writes to a database and
 * queues work, so it reaches less than this. Nor for latency: above the core count each hash waits
 * for a core, which the throughput score hides.
 *
 * <p><b>Traps avoided.</b> Dead code: each method returns its hash, so JMH consumes it. Shared
 * state: each thread has its own hasher ({@code Scope.Thread}), so threads compete for cores and
 * not for a lock. Thread count: one method per count ({@code @Threads}), so one run yields all
 * three, and each JSON record's {@code threads} field records which. Forking: each thread count
 * runs in fresh JVMs. Fixtures: hashers are made once per trial ({@code Level.Trial}).
 *
 * <p><b>Run:</b> {@code java -jar jmh/target/benchmarks.jar ThroughputCeilingBenchmark}; at another
 * cost: {@code java -jar jmh/target/benchmarks.jar ThroughputCeilingBenchmark -p cost=12}
 */
// Full budget: 3 methods x 2 forks x (2 warm-up + 4 measured iterations) x 1 s = 36 s, plus
// about 1 s to start each of the 6 forks: about 42 s.
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(2)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
public class ThroughputCeilingBenchmark {

    /** One benchmark thread's hasher, so that no two threads share a salt generator. */
    @State(Scope.Thread)
    public static class ThreadHasher {

        /** bcrypt cost factor: 10, the lab's default cost. */
        @Param("10")
        public int cost;

        /** Password to hash, read from a non-final field so that the JIT cannot fold it. */
        public String password = BenchmarkInputs.PASSWORD;

        private BCrypt.Hasher hasher;

        @Setup(Level.Trial)
        public void createHasher() {
            hasher = BCrypt.withDefaults();
        }

        String hash() {
            return hasher.hashToString(cost, password.toCharArray());
        }
    }

    @Benchmark
    @Threads(1)
    public String oneThread(ThreadHasher state) {
        return state.hash();
    }

    @Benchmark
    @Threads(2)
    public String twoThreads(ThreadHasher state) {
        return state.hash();
    }

    @Benchmark
    @Threads(4)
    public String fourThreads(ThreadHasher state) {
        return state.hash();
    }
}
