package lab.bcrypt.analysis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A JMH JSON array in JMH 1.37's own format, with every benchmark group the lab runs. */
final class JmhFixture {

    private static final String PACKAGE = "lab.bcrypt.jmh.";

    private JmhFixture() {}

    static ArrayNode results() {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        double[] hashMillis = {1.0, 16.0, 64.0, 256.0};
        int[] costs = {4, 8, 10, 12};
        for (int i = 0; i < costs.length; i++) {
            ObjectNode hash =
                    record(array, "HashCostBenchmark.hash", "avgt", 1, hashMillis[i], "ms/op");
            hash.putObject("params").put("cost", String.valueOf(costs[i]));
            ObjectNode verify =
                    record(array, "HashCostBenchmark.verify", "avgt", 1, hashMillis[i], "ms/op");
            verify.putObject("params").put("cost", String.valueOf(costs[i]));
        }
        for (int threads : new int[] {1, 2, 4}) {
            double opsPerSec = 1000.0 * Math.min(threads, ResultsFixture.CORES);
            ObjectNode ceiling =
                    record(
                            array,
                            "ThroughputCeilingBenchmark.hash",
                            "thrpt",
                            threads,
                            opsPerSec,
                            "ops/s");
            ceiling.putObject("params").put("cost", "4");
        }
        record(array, "HandoffBenchmark.directCall", "avgt", 1, 0.005, "us/op");
        record(array, "HandoffBenchmark.offloadedTrivial", "avgt", 1, 12.0, "us/op");
        record(array, "HandoffBenchmark.hashInline", "avgt", 1, 1000.0, "us/op");
        record(array, "HandoffBenchmark.hashOffloaded", "avgt", 1, 1015.0, "us/op");
        for (String library : new String[] {"favre", "springSecurity", "jbcrypt", "bouncyCastle"}) {
            record(array, "LibraryComparisonBenchmark." + library, "avgt", 1, 64.0, "ms/op");
        }
        return array;
    }

    private static ObjectNode record(
            ArrayNode array,
            String benchmark,
            String mode,
            int threads,
            double score,
            String unit) {
        ObjectNode record = array.addObject();
        record.put("jmhVersion", "1.37");
        record.put("benchmark", PACKAGE + benchmark);
        record.put("mode", mode);
        record.put("threads", threads);
        record.put("forks", 1);
        record.put("jvm", "/usr/lib/jvm/java-17-openjdk-amd64/bin/java");
        record.putArray("jvmArgs");
        record.put("jdkVersion", "17.0.15");
        record.put("vmName", "OpenJDK 64-Bit Server VM");
        record.put("vmVersion", "17.0.15+6-Debian-1deb12u1");
        record.put("warmupIterations", 1);
        record.put("warmupTime", "1 s");
        record.put("warmupBatchSize", 1);
        record.put("measurementIterations", 2);
        record.put("measurementTime", "1 s");
        record.put("measurementBatchSize", 1);
        ObjectNode metric = record.putObject("primaryMetric");
        metric.put("score", score);
        metric.put("scoreError", score * 0.05);
        ArrayNode confidence = metric.putArray("scoreConfidence");
        confidence.add(score * 0.95).add(score * 1.05);
        ObjectNode percentiles = metric.putObject("scorePercentiles");
        for (String p :
                new String[] {
                    "0.0", "50.0", "90.0", "95.0", "99.0", "99.9", "99.99", "99.999", "99.9999",
                    "100.0"
                }) {
            percentiles.put(p, score);
        }
        metric.put("scoreUnit", unit);
        metric.putArray("rawData").addArray().add(score).add(score);
        record.putObject("secondaryMetrics");
        return record;
    }
}
