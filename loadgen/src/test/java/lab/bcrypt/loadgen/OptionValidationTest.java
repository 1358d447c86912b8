package lab.bcrypt.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every invalid option value is rejected with exit code 2 and one message naming the option and the
 * value, before any request reaches the target.
 */
class OptionValidationTest {
    private static StubServer stub;

    @TempDir Path out;

    @BeforeAll
    static void startStub() throws Exception {
        stub = StubServer.withDelay(2, 0);
    }

    @AfterAll
    static void stopStub() {
        stub.close();
    }

    static Stream<Arguments> invalidOptions() {
        return Stream.of(
                Arguments.of("burst --levels -5", "--levels", "-5"),
                Arguments.of("burst --levels 0", "--levels", "'0'"),
                Arguments.of("burst --levels 10,99999999", "--levels", "ulimit -n"),
                Arguments.of("open --rate 0", "--rate", "'0.0'"),
                Arguments.of("open --rate -1", "--rate", "'-1.0'"),
                Arguments.of("open --rate NaN", "--rate", "'NaN'"),
                Arguments.of("open --rate Infinity", "--rate", "'Infinity'"),
                Arguments.of("open --rate 10 --duration-s 0", "--duration-s", "'0'"),
                Arguments.of("open --rate 10 --duration-s -3", "--duration-s", "'-3'"),
                Arguments.of("open --rate 10 --name ../up", "--name", "'../up'"),
                Arguments.of("sequential --count -1", "--count", "'-1'"),
                Arguments.of("sequential --count 0", "--count", "'0'"),
                Arguments.of("sequential --endpoint bogus", "--endpoint", "'bogus'"),
                Arguments.of("sequential --target notaurl", "--target", "'notaurl'"),
                Arguments.of("sequential --target ftp://127.0.0.1:1", "--target", "ftp://"),
                Arguments.of("sequential --target http:///nohost", "--target", "no host"),
                Arguments.of("sequential --out /dev/null/x", "--out", "/dev/null/x"),
                Arguments.of("sequential --label ../x", "--label", "'../x'"),
                Arguments.of("sequential --timeout-ms 0", "--timeout-ms", "'0'"),
                Arguments.of("sequential --timeout-ms 3600000", "--timeout-ms", "10 minutes"),
                Arguments.of("sequential --probe-rate -2", "--probe-rate", "'-2.0'"),
                Arguments.of("sequential --probe-rate NaN", "--probe-rate", "'NaN'"),
                Arguments.of("sequential --probe-rate 1e9", "--probe-rate", "1.0E9"),
                Arguments.of("sequential --probe-timeout-ms -1", "--probe-timeout-ms", "'-1'"),
                Arguments.of("sequential --warmup -1", "--warmup", "'-1'"),
                Arguments.of("sequential --server-pid -1", "--server-pid", "'-1'"),
                Arguments.of("closed --users 0", "--users", "'0'"),
                Arguments.of("closed --users 99999999", "--users", "ulimit -n"),
                Arguments.of("closed --duration-s 0", "--duration-s", "'0'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidOptions")
    void invalidValueExitsTwoBeforeAnyRequest(String args, String option, String detail) {
        int requestsBefore = stubRequests();

        Loadgen result = Loadgen.run(withDefaults(args));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Invalid value").contains(option).contains(detail);
        assertThat(result.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(stubRequests()).isEqualTo(requestsBefore);
    }

    @Test
    void burstLevelAboveFileLimitNamesTheLimit() {
        long limit = OptionChecks.maxFileDescriptors();

        Loadgen result = Loadgen.run(withDefaults("burst --levels " + limit));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("open-file limit (ulimit -n) is " + limit);
    }

    @Test
    void matrixWithMissingJarExitsTwo() {
        Loadgen result =
                Loadgen.run(
                        "matrix",
                        "--blocking-jar",
                        out.resolve("missing.jar").toString(),
                        "--offloaded-jar",
                        out.resolve("missing.jar").toString(),
                        "--out",
                        out.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--blocking-jar").doesNotContain("\tat ");
    }

    @Test
    void matrixWithCostOutOfRangeExitsTwo() throws Exception {
        Path jar = FakeServerJar.write(out);

        Loadgen result =
                Loadgen.run(
                        "matrix",
                        "--blocking-jar",
                        jar.toString(),
                        "--offloaded-jar",
                        jar.toString(),
                        "--out",
                        out.resolve("results").toString(),
                        "--cost",
                        "3");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Invalid value '3' for --cost");
    }

    private static int stubRequests() {
        return stub.healthRequests() + stub.registrations();
    }

    /** Adds {@code --target} (the stub), {@code --out} and no probe, unless the case sets them. */
    private String[] withDefaults(String args) {
        List<String> all = new ArrayList<>(Arrays.asList(args.split(" ")));
        if (!all.contains("--target")) {
            all.addAll(List.of("--target", stub.baseUrl()));
        }
        if (!all.contains("--out")) {
            all.addAll(List.of("--out", out.toString()));
        }
        return all.toArray(String[]::new);
    }
}
