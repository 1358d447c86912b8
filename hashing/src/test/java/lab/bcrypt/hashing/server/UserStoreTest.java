package lab.bcrypt.hashing.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserStoreTest {

    private static final String HASH = "$2a$04$" + "x".repeat(53);

    private UserStore store;
    private Locale savedLocale;

    @BeforeEach
    void openStore() throws SQLException {
        savedLocale = Locale.getDefault();
        store = UserStore.open(null);
    }

    @AfterEach
    void closeStore() {
        Locale.setDefault(savedLocale);
        store.close();
    }

    @Test
    void insertAssignsIdAndFindIgnoresCase() {
        UserStore.User user = store.insert("Alice", "alice@example.org", HASH);

        assertThat(user.id()).isPositive();
        assertThat(store.findByUsername("ALICE")).contains(user);
    }

    @Test
    void insertRejectsUsernameInOtherCase() {
        store.insert("alice", "alice@example.org", HASH);

        assertThatThrownBy(() -> store.insert("ALICE", "other@example.org", HASH))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.reply().body()).containsEntry("field", "username"));
    }

    @Test
    void insertRejectsEmailInOtherCase() {
        store.insert("alice", "alice@example.org", HASH);

        assertThatThrownBy(() -> store.insert("bob", "ALICE@example.org", HASH))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.reply().body()).containsEntry("field", "email"));
    }

    @Test
    void keyIgnoresTurkishDefaultLocale() {
        // In Turkish, "I".toLowerCase() is a dotless ı, which would make TITLE and title differ.
        Locale.setDefault(Locale.forLanguageTag("tr-TR"));
        store.insert("title", "t@example.org", HASH);

        assertThat(store.findByUsername("TITLE")).isPresent();
    }

    @Test
    void findUnknownUserIsEmpty() {
        assertThat(store.findByUsername("nobody")).isEmpty();
    }

    @Test
    void redactHidesPassword() {
        assertThat(UserStore.redact("jdbc:postgresql://db/lab?user=lab&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/lab?user=lab&password=***&ssl=true");
    }
}
