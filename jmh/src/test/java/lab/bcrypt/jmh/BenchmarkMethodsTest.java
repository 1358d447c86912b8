package lab.bcrypt.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import lab.bcrypt.hashing.PasswordHasher;
import org.junit.jupiter.api.Test;

/**
 * Runs each benchmark's setup and methods once outside JMH, at bcrypt's cheapest cost, to show that
 * every method does the work its class describes rather than failing fast.
 */
class BenchmarkMethodsTest {

    /** bcrypt's minimum cost, so that each hash takes about a millisecond. */
    private static final int TEST_COST = 4;

    @Test
    void hashCostHashUsesParamCost() {
        HashCostBenchmark benchmark = new HashCostBenchmark();
        benchmark.cost = TEST_COST;
        benchmark.makeReferenceHash();

        assertThat(benchmark.hash()).startsWith("$2a$04$");
    }

    @Test
    void hashCostVerifyAcceptsReferenceHash() {
        HashCostBenchmark benchmark = new HashCostBenchmark();
        benchmark.cost = TEST_COST;
        benchmark.makeReferenceHash();

        assertThat(benchmark.verify()).isTrue();
    }

    @Test
    void ceilingHashUsesParamCost() {
        ThroughputCeilingBenchmark.ThreadHasher state =
                new ThroughputCeilingBenchmark.ThreadHasher();
        state.cost = TEST_COST;
        state.createHasher();

        assertThat(new ThroughputCeilingBenchmark().twoThreads(state)).startsWith("$2a$04$");
    }

    @Test
    void handoffTrivialTaskReturnsSameOffloaded() {
        HandoffBenchmark benchmark = new HandoffBenchmark();
        benchmark.cost = TEST_COST;
        benchmark.startExecutor();
        try {
            assertThat(benchmark.offloadedTrivial()).isEqualTo(benchmark.directCall());
        } finally {
            benchmark.closeExecutor();
        }
    }

    @Test
    void handoffOffloadedHashVerifiesInline() {
        HandoffBenchmark benchmark = new HandoffBenchmark();
        benchmark.cost = TEST_COST;
        benchmark.startExecutor();
        try {
            String hash = benchmark.hashOffloaded();

            assertThat(hash).startsWith("$2a$04$");
            assertThat(new PasswordHasher(TEST_COST).verify(benchmark.password, hash)).isTrue();
        } finally {
            benchmark.closeExecutor();
        }
    }
}
