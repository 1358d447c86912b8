package lab.bcrypt.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class QueueModelTest {

    private static final double EPSILON = 1e-9;

    @Test
    void burst_threadPerRequest_sharesCoresAndFinishesTogether() {
        // 100 hashes of 1 ms on 2 cores, all running at once: every one ends at 100 * 1 / 2 ms.
        QueueModel.BurstPrediction prediction = QueueModel.burst(100, 200, 2, 1.0);

        assertThat(prediction.makespanMs()).isCloseTo(50.0, offset(EPSILON));
        assertThat(prediction.meanMs()).isCloseTo(50.0, offset(EPSILON));
    }

    @Test
    void burst_poolOfCores_finishesInTurn() {
        // Waves of 2 each take 1 ms: completions 1, 1, 2, 2, ..., 50, 50, mean (1 + 50) / 2.
        QueueModel.BurstPrediction prediction = QueueModel.burst(100, 2, 2, 1.0);

        assertThat(prediction.makespanMs()).isCloseTo(50.0, offset(EPSILON));
        assertThat(prediction.meanMs()).isCloseTo(25.5, offset(EPSILON));
    }

    @Test
    void burst_smallerThanCores_takesOneHash() {
        QueueModel.BurstPrediction prediction = QueueModel.burst(1, 200, 2, 3.0);

        assertThat(prediction.makespanMs()).isCloseTo(3.0, offset(EPSILON));
    }

    @Test
    void burst_zeroCores_isRejected() {
        assertThatThrownBy(() -> QueueModel.burst(10, 2, 0, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cores");
    }

    @Test
    void erlangC_twoServersAtLoadOne_isOneThird() {
        // (a^2 / 2! / (1 - a/2)) / (1 + a + a^2 / 2! / (1 - a/2)) with a = 1 gives 1 / 3.
        assertThat(QueueModel.erlangC(2, 1.0)).isCloseTo(1.0 / 3.0, offset(EPSILON));
    }

    @Test
    void openModel_atOrAboveCapacity_hasNoPrediction() {
        assertThat(QueueModel.openMeanMillis(2000.0, 2, 1.0)).isNull();
    }

    @Test
    void openModel_lightLoad_isCloseToOneHash() {
        assertThat(QueueModel.openMeanMillis(10.0, 2, 1.0)).isCloseTo(1.0, offset(0.01));
    }
}
