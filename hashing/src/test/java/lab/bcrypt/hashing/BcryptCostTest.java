package lab.bcrypt.hashing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BcryptCostTest {

    @Test
    void validateAcceptsBothEnds() {
        assertThat(BcryptCost.validate(4)).isEqualTo(4);
        assertThat(BcryptCost.validate(31)).isEqualTo(31);
    }

    @Test
    void validateRejectsBelowRange() {
        assertThatThrownBy(() -> BcryptCost.validate(3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4-31")
                .hasMessageContaining("3");
    }

    @Test
    void validateRejectsAboveRange() {
        assertThatThrownBy(() -> BcryptCost.validate(32))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4-31");
    }

    @Test
    void defaultLiesInRange() {
        assertThat(BcryptCost.validate(BcryptCost.DEFAULT)).isEqualTo(10);
    }
}
