package lab.bcrypt.jmh;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import lab.bcrypt.hashing.OffloadedHasher;
import lab.bcrypt.hashing.PasswordHasher;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of handing work to the hashing module's executor and waiting for its future.
 *
 * <p><b>Question:</b> how much time does {@link OffloadedHasher} add to a task: queue, wake a
 * bcrypt thread, complete the future, wake the caller? {@code directCall} runs a trivial task on
 * the calling thread and {@code offloadedTrivial} runs the same task through {@link
 * OffloadedHasher#submit} and {@code join()}. {@code hashInline} and {@code hashOffloaded} do the
 * same with a real hash at cost 4, bcrypt's cheapest, where the hand-off is the largest share.
 *
 * <p><b>Expected:</b> {@code directCall} in nanoseconds and {@code offloadedTrivial} in tens of
 * microseconds, dominated by waking two parked threads. At cost 4 the hash takes about a
 * millisecond and {@code hashOffloaded} exceeds {@code hashInline} by about the trivial hand-off.
 * At cost 10, which takes tens of milliseconds, the hand-off is well under 1% of a hash.
 *
 * <p><b>Not for:</b> the hand-off under load. One caller with one task in flight never queues;
 * queueing and rejection under load are what the lab's server runs measure. Nor for a thread pool's
 * throughput.
 *
 * <p><b>Traps avoided.</b> Dead code: each method returns its result, so JMH consumes it. Constant
 * folding: the trivial task reads a non-final field, so the JIT cannot replace {@code directCall}
 * with a constant. Fixtures: the executor is started once per trial ({@code Level.Trial}) and
 * closed after it, so no invocation pays for starting threads. Forking: each method runs in fresh
 * JVMs.
 *
 * <p><b>Run:</b> {@code java -jar jmh/target/benchmarks.jar HandoffBenchmark}; the share at the
 * lab's default cost: {@code java -jar jmh/target/benchmarks.jar HandoffBenchmark -p cost=10}
 */
// Full budget: 4 methods x 2 forks x (2 warm-up + 3 measured iterations) x 1 s = 40 s, plus
// about 1 s to start each of the 8 forks: about 48 s.
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Benchmark)
public class HandoffBenchmark {

    /** One bcrypt thread: one benchmark thread keeps at most one task in flight. */
    private static final int POOL_SIZE = 1;

    /** Queue capacity: the hashing module's default for one thread, as a server would use it. */
    private static final int QUEUE_CAPACITY = OffloadedHasher.defaultQueueCapacity(POOL_SIZE);

    /** bcrypt cost of {@code hashInline} and {@code hashOffloaded}: 4, bcrypt's minimum. */
    @Param("4")
    public int cost;

    /** Password to hash, read from a non-final field so that the JIT cannot fold it. */
    public String password = BenchmarkInputs.PASSWORD;

    private PasswordHasher hasher;
    private OffloadedHasher offloaded;
    private Supplier<Integer> trivialTask;

    @Setup(Level.Trial)
    public void startExecutor() {
        hasher = new PasswordHasher(cost);
        offloaded = new OffloadedHasher(hasher, POOL_SIZE, QUEUE_CAPACITY);
        trivialTask = () -> password.length();
    }

    @TearDown(Level.Trial)
    public void closeExecutor() {
        offloaded.close();
    }

    @Benchmark
    public int directCall() {
        return trivialTask.get();
    }

    @Benchmark
    public int offloadedTrivial() {
        return offloaded.submit(trivialTask).join();
    }

    @Benchmark
    public String hashInline() {
        return hasher.hash(password);
    }

    @Benchmark
    public String hashOffloaded() {
        return offloaded.hash(password).join();
    }
}
