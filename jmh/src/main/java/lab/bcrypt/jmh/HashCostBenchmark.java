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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time per bcrypt hash and per verify on one thread, by cost factor.
 *
 * <p><b>Question:</b> how long does one hash take at cost 4, 8, 10 and 12, and how long does one
 * verify take? The library is at.favre {@code bcrypt}, called as a server calls it: a fresh 16-byte
 * salt from {@code SecureRandom} for every hash.
 *
 * <p><b>Expected:</b> each step of cost doubles bcrypt's key-expansion rounds (2^cost), so the time
 * doubles per step: cost 12 takes about four times cost 10, and cost 10 about four times cost 8.
 * Verify hashes the password again with the stored salt and compares, so it takes as long as hash.
 * If cost 12 is not near four times cost 10, the harness is wrong, not bcrypt. Cost 4 may fall
 * short of the ratio, because its fixed setup is a larger share of its time.
 *
 * <p><b>Not for:</b> a server's throughput or latency. One thread hashes with no queue, no I/O and
 * no other load; {@link ThroughputCeilingBenchmark} gives the most hashes per second the cores
 * allow. Nor for comparing machines without naming their CPUs.
 *
 * <p><b>Traps avoided.</b> Dead code: {@code hash} returns the hash and {@code verify} the verdict,
 * so JMH consumes both. Loops: one hash per invocation, and JMH counts invocations, so there is no
 * hand-written loop for the JIT to reshape. A failed verify: a hash that does not parse is rejected
 * in microseconds, so setup checks that the reference hash verifies. Forking: each cost runs in
 * fresh JVMs, so one cost's JIT profile does not shape the next. Fixtures: the hasher and the
 * reference hash are made once per trial ({@code Level.Trial}).
 *
 * <p><b>Run:</b> {@code java -jar jmh/target/benchmarks.jar HashCostBenchmark}; one cost alone:
 * {@code java -jar jmh/target/benchmarks.jar HashCostBenchmark -p cost=12}
 */
// Full budget: 2 methods x 4 costs x 2 forks x (2 warm-up + 3 measured iterations) x 1 s = 80 s,
// plus about 1 s to start each of the 16 forks: about 96 s. A cost-12 hash took 0.27 s in this
// benchmark on the 2-core lab machine, so each cost-12 iteration overruns by up to that much:
// at most 10 s more.
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(2)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Benchmark)
public class HashCostBenchmark {

    /** bcrypt cost factor (log2 of the key-expansion rounds); 4 is bcrypt's minimum. */
    @Param({"4", "8", "10", "12"})
    public int cost;

    /** Password to hash, read from a non-final field so that the JIT cannot fold it. */
    public String password = BenchmarkInputs.PASSWORD;

    private BCrypt.Hasher hasher;
    private BCrypt.Verifyer verifier;
    private String referenceHash;

    /** Makes the hash that {@link #verify} checks, and rejects it unless it verifies. */
    @Setup(Level.Trial)
    public void makeReferenceHash() {
        hasher = BCrypt.withDefaults();
        verifier = BCrypt.verifyer();
        referenceHash = hash();
        if (!verify()) {
            throw new IllegalStateException(
                    "The reference hash at cost "
                            + cost
                            + " does not verify, so verify() would time a failed check."
                            + " Check the at.favre bcrypt version.");
        }
    }

    @Benchmark
    public String hash() {
        return hasher.hashToString(cost, password.toCharArray());
    }

    @Benchmark
    public boolean verify() {
        return verifier.verify(password.toCharArray(), referenceHash).verified;
    }
}
