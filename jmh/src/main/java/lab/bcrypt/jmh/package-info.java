/**
 * JMH benchmarks that separate the raw cost of bcrypt from what a server adds to it.
 *
 * <p>Four groups, one class each: {@link lab.bcrypt.jmh.HashCostBenchmark} (time per hash by cost
 * factor), {@link lab.bcrypt.jmh.ThroughputCeilingBenchmark} (hashes per second by thread count),
 * {@link lab.bcrypt.jmh.HandoffBenchmark} (the offload executor's hand-off against a direct call)
 * and {@link lab.bcrypt.jmh.LibraryComparisonBenchmark} (four Java bcrypt libraries at one cost).
 * {@link lab.bcrypt.jmh.BenchmarkMain} runs them in a quick or a full profile and writes JMH JSON.
 */
package lab.bcrypt.jmh;
