package lab.bcrypt.hashing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(4);

    @Test
    void hashVerifiesAgainstSamePassword() {
        String hash = hasher.hash("correct horse");

        assertThat(hash).startsWith("$2a$04$").hasSize(60);
        assertThat(hasher.verify("correct horse", hash)).isTrue();
    }

    @Test
    void verifyRejectsOtherPassword() {
        assertThat(hasher.verify("wrong horse", hasher.hash("correct horse"))).isFalse();
    }

    @Test
    void hashSaltsEachCall() {
        assertThat(hasher.hash("same")).isNotEqualTo(hasher.hash("same"));
    }

    @Test
    void hashAccepts72Bytes() {
        String password = "p".repeat(72);

        assertThat(hasher.verify(password, hasher.hash(password))).isTrue();
    }

    @Test
    void hashAccepts72BytesOfTwoByteCharacters() {
        String password = "é".repeat(36);

        assertThat(PasswordHasher.utf8Length(password)).isEqualTo(72);
        assertThat(hasher.verify(password, hasher.hash(password))).isTrue();
    }

    @Test
    void hashRejects73BytesWithoutTruncating() {
        assertThatThrownBy(() -> hasher.hash("p".repeat(73)))
                .isInstanceOf(PasswordTooLongException.class)
                .hasMessageContaining("73")
                .hasMessageContaining("72");
    }

    @Test
    void hashRejectsMultiByteOverLimit() {
        // 37 two-byte characters are 74 bytes, though only 37 chars.
        assertThatThrownBy(() -> hasher.hash("é".repeat(37)))
                .isInstanceOf(PasswordTooLongException.class);
    }

    @Test
    void hashRejectsUnpairedSurrogate() {
        assertThatThrownBy(() -> hasher.hash("\ud800abcdefgh"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unpaired UTF-16 surrogate");
    }

    @Test
    void verifyNeverMatchesUnpairedSurrogateAsQuestionMark() {
        String hash = hasher.hash("?abcdefgh");

        // String.getBytes would encode the surrogate as '?', and this would match.
        assertThat(hasher.verify("\ud800abcdefgh", hash)).isFalse();
        assertThat(PasswordHasher.fitsLimit("\udc00abcdefgh")).isFalse();
        assertThat(PasswordHasher.utf8Length("\udc00abc")).isEqualTo(-1);
    }

    @Test
    void hashAcceptsPairedSurrogates() {
        String emoji = "\ud83d\ude00".repeat(18);

        assertThat(PasswordHasher.utf8Length(emoji)).isEqualTo(72);
        assertThat(hasher.verify(emoji, hasher.hash(emoji))).isTrue();
    }

    @Test
    void verifyReturnsFalseOverLimit() {
        String hash = hasher.hash("p".repeat(72));

        // A 73-byte password sharing the first 72 bytes would match if it were truncated.
        assertThat(hasher.verify("p".repeat(73), hash)).isFalse();
    }

    @Test
    void constructorRejectsCostOutsideRange() {
        assertThatThrownBy(() -> new PasswordHasher(32))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4-31");
    }

    @Test
    void costReturnsConstructorCost() {
        assertThat(new PasswordHasher(5).cost()).isEqualTo(5);
    }
}
