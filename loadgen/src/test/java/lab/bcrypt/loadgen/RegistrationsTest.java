package lab.bcrypt.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RegistrationsTest {
    private static final int USERS = 5_000;

    private final List<Registrations.Registration> users = generate(new Registrations(7));

    private static List<Registrations.Registration> generate(Registrations registrations) {
        List<Registrations.Registration> users = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            users.add(registrations.next());
        }
        return users;
    }

    @Test
    void usernamesAndEmailsAreUnique() {
        Set<String> usernames = new HashSet<>();
        Set<String> emails = new HashSet<>();
        for (Registrations.Registration user : users) {
            usernames.add(user.username().toLowerCase(java.util.Locale.ROOT));
            emails.add(user.email().toLowerCase(java.util.Locale.ROOT));
        }
        assertThat(usernames).hasSize(USERS);
        assertThat(emails).hasSize(USERS);
    }

    @Test
    void passwordsFitBcryptAndTheMinimumLength() {
        for (Registrations.Registration user : users) {
            assertThat(Registrations.utf8Length(user.password()))
                    .as(user.username())
                    .isLessThanOrEqualTo(Registrations.MAX_PASSWORD_BYTES);
            assertThat(user.password().codePointCount(0, user.password().length()))
                    .as(user.username())
                    .isGreaterThanOrEqualTo(Registrations.MIN_PASSWORD_CHARS);
        }
    }

    @Test
    void passwordsVaryAndSomeAreNonAscii() {
        long nonAscii =
                users.stream().filter(u -> u.password().chars().anyMatch(c -> c > 127)).count();
        long distinctLengths =
                users.stream().mapToInt(u -> u.password().length()).distinct().count();

        assertThat(nonAscii).isBetween(USERS / 10L, USERS - USERS / 10L);
        assertThat(distinctLengths).isGreaterThan(10);
    }

    @Test
    void usernamesAreShortAsciiAndEmailsLookValid() {
        for (Registrations.Registration user : users) {
            assertThat(user.username()).matches("[a-z][a-z0-9._]{2,31}");
            assertThat(user.email()).matches("[a-z0-9._]+@example\\.com");
        }
    }

    @Test
    void twoRunsDoNotCollide() {
        Registrations.Registration first = new Registrations(1).next();
        Registrations.Registration second = new Registrations(2).next();
        assertThat(first.username()).isNotEqualTo(second.username());
    }

    @Test
    void jsonBodyCarriesTheThreeFields() throws Exception {
        Registrations registrations = new Registrations(3);
        Registrations.Registration user = registrations.next();
        JsonNode body = new ObjectMapper().readTree(registrations.toJson(user));

        assertThat(body.get("username").asText()).isEqualTo(user.username());
        assertThat(body.get("email").asText()).isEqualTo(user.email());
        assertThat(body.get("password").asText()).isEqualTo(user.password());
    }

    @Test
    void toStringOmitsThePassword() {
        Registrations.Registration user = new Registrations(4).next();
        assertThat(user.toString()).doesNotContain(user.password());
    }
}
