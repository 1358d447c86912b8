package lab.bcrypt.hashing.server;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import lab.bcrypt.hashing.PasswordHasher;
import lab.bcrypt.hashing.server.RequestBodies.Login;
import lab.bcrypt.hashing.server.RequestBodies.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registration and login: the bcrypt work goes through the server's {@link HashExecution}, and
 * everything else is the same on both servers.
 *
 * <p>A login for an unknown username, or with a password bcrypt cannot take (over 72 bytes of
 * UTF-8, or with an unpaired surrogate), still runs one bcrypt verify, against a dummy hash made at
 * start-up at the server's cost, so the response time does not tell which usernames exist.
 */
public final class Accounts {

    private static final Logger LOG = LoggerFactory.getLogger(Accounts.class);

    private final PasswordHasher hasher;
    private final HashExecution execution;
    private final UserStore store;
    private final HashDeadline deadline;
    private final String dummyPassword;
    private final String dummyHash;

    public Accounts(
            PasswordHasher hasher,
            HashExecution execution,
            UserStore store,
            HashDeadline deadline) {
        this.hasher = hasher;
        this.execution = execution;
        this.store = store;
        this.deadline = deadline;
        // A random dummy per process: no real password can be known to match it.
        this.dummyPassword = UUID.randomUUID().toString();
        this.dummyHash = hashDummy(hasher, dummyPassword);
    }

    /**
     * Hashes the login dummy before the server listens, so that the first login already costs one
     * full verify. At a high cost this takes long (each step doubles it), hence the two log lines.
     */
    private static String hashDummy(PasswordHasher hasher, String password) {
        LOG.info(
                "Hashing the login dummy password at bcrypt cost {} before listening; each cost"
                        + " step doubles the time",
                hasher.cost());
        long startNanos = System.nanoTime();
        String hash = hasher.hash(password);
        LOG.info(
                "Login dummy hash done in {} ms, the time of one hash at cost {}",
                Duration.ofNanos(System.nanoTime() - startNanos).toMillis(),
                hasher.cost());
        return hash;
    }

    /**
     * Hashes the password, stores the user and returns the 201 reply, or a failed future. The
     * insert runs only if the hash ends within the deadline, on the thread that ran the hash.
     */
    public CompletableFuture<Reply> register(Registration registration) {
        return deadline.run(
                execution,
                () -> hasher.hash(registration.password()),
                hash -> created(store.insert(registration.username(), registration.email(), hash)));
    }

    /** Verifies the password and returns the 200 or 401 reply, or a failed future. */
    public CompletableFuture<Reply> login(Login login) {
        Optional<UserStore.User> user = store.findByUsername(login.username());
        String hash = user.map(UserStore.User::passwordHash).orElse(dummyHash);
        boolean verifiable = user.isPresent() && PasswordHasher.fitsLimit(login.password());
        return deadline.run(
                execution,
                () -> verifiable ? hasher.verify(login.password(), hash) : spendOneVerify(),
                match -> match ? loggedIn(user.get()) : invalidCredentials());
    }

    /** Runs one verify that always matches and returns false, to cost what a real one costs. */
    private boolean spendOneVerify() {
        hasher.verify(dummyPassword, dummyHash);
        return false;
    }

    private static Reply created(UserStore.User user) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", user.id());
        body.put("username", user.username());
        body.put("email", user.email());
        return Reply.json(201, body);
    }

    private static Reply loggedIn(UserStore.User user) {
        return Reply.json(200, Map.of("username", user.username()));
    }

    private static Reply invalidCredentials() {
        return ApiError.INVALID_CREDENTIALS.reply("Invalid username or password.");
    }
}
