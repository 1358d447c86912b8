package lab.bcrypt.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ClientVerdictTest {
    private static final int CORES = 2;
    private static final long MILLIS = 1_000_000L;

    private static Histogram lagOf(long nanos) {
        Histogram histogram = LatencyLog.newHistogram();
        histogram.recordValueWithCount(nanos, 100);
        return histogram;
    }

    private static ClientVerdict open(long lagNanos, double target, double achieved, double cpu) {
        return ClientVerdict.judge(
                new ClientVerdict.Evidence(
                        "open", lagOf(lagNanos), null, target, achieved, cpu, CORES));
    }

    @Test
    void openRunOnScheduleIsValid() {
        ClientVerdict verdict = open(MILLIS, 100, 100, 20);

        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.reason()).isEmpty();
        assertThat(verdict.warning()).isEmpty();
    }

    @Test
    void openRunWithLargeSendLagIsInvalid() {
        ClientVerdict verdict = open(80 * MILLIS, 100, 100, 20);

        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.reason()).contains("send lag p99");
    }

    @Test
    void openRunWithModerateSendLagOnlyWarns() {
        ClientVerdict verdict = open(20 * MILLIS, 100, 100, 20);

        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.warning()).contains("send lag p99");
    }

    @Test
    void openRunBelowItsTargetRateIsInvalid() {
        ClientVerdict verdict = open(MILLIS, 100, 80, 20);

        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.reason()).contains("achieved rate");
    }

    @Test
    void saturatedClientCpuIsInvalid() {
        ClientVerdict verdict = open(MILLIS, 100, 100, 190);

        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.reason()).contains("client CPU");
    }

    @Test
    void slowBurstDispatchIsInvalid() {
        ClientVerdict slow =
                ClientVerdict.judge(
                        new ClientVerdict.Evidence(
                                "burst",
                                lagOf(400 * MILLIS),
                                1000 * MILLIS,
                                null,
                                null,
                                20,
                                CORES));
        ClientVerdict fast =
                ClientVerdict.judge(
                        new ClientVerdict.Evidence(
                                "burst", lagOf(50 * MILLIS), 1000 * MILLIS, null, null, 20, CORES));

        assertThat(slow.valid()).isFalse();
        assertThat(fast.valid()).isTrue();
    }
}
