package lab.bcrypt.loadgen;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Generates registration bodies with unique, realistic usernames, emails and passwords.
 *
 * <p>Every generator draws a random run tag at construction, so two runs against one database never
 * collide, and a counter makes every user of a run unique. Usernames and emails stay ASCII
 * (letters, digits, dot and underscore, at most {@value #MAX_USERNAME_CHARS} characters) so any
 * reasonable username rule accepts them. Passwords vary in length, some contain non-ASCII
 * characters, and every one has at least {@value #MIN_PASSWORD_CHARS} characters and at most
 * {@value #MAX_PASSWORD_BYTES} UTF-8 bytes, the part of a password bcrypt reads.
 */
final class Registrations {
    static final int MIN_PASSWORD_CHARS = 8;
    static final int MAX_PASSWORD_BYTES = 72;
    static final int MAX_USERNAME_CHARS = 32;

    private static final List<String> FIRST_NAMES =
            List.of(
                    "maria", "james", "aiko", "lars", "fatima", "chen", "olga", "diego", "amara",
                    "noah", "priya", "jonas", "sofia", "kwame", "elena", "mateo");
    private static final List<String> LAST_NAMES =
            List.of(
                    "garcia", "smith", "tanaka", "nilsson", "haddad", "wang", "petrova", "lopez",
                    "okafor", "muller", "sharma", "berg", "rossi", "mensah", "novak");
    private static final List<String> ASCII_WORDS =
            List.of(
                    "correct",
                    "horse",
                    "battery",
                    "staple",
                    "Sonnenblume",
                    "zebra",
                    "Tiger",
                    "river",
                    "summer",
                    "orbit",
                    "Lantern",
                    "maple",
                    "quartz",
                    "harbor");
    private static final List<String> NON_ASCII_WORDS =
            List.of(
                    "café", "naïve", "Größe", "日本語", "пароль", "κωδικός", "über", "mañana", "ёлка",
                    "piñata", "smörgås", "façade");

    /** One password in this many draws from the non-ASCII words as well. */
    private static final int NON_ASCII_ONE_IN = 3;

    private static final String PASSWORD_SEPARATORS = "-_.!#+ ";
    private static final int MIN_PASSWORD_WORDS = 2;
    private static final int MAX_PASSWORD_WORDS = 6;
    private static final int PASSWORD_DIGITS_BOUND = 10_000;
    private static final int RUN_TAG_BOUND = 36 * 36 * 36 * 36;

    private final ObjectMapper json = new ObjectMapper();
    private final SplittableRandom random;
    private final String runTag;
    private final AtomicLong counter = new AtomicLong();

    Registrations(long seed) {
        this.random = new SplittableRandom(seed);
        this.runTag = Integer.toString(random.nextInt(RUN_TAG_BOUND), Character.MAX_RADIX);
    }

    /** Creates a generator seeded from the clock, for a fresh set of users every run. */
    static Registrations forNewRun() {
        return new Registrations(System.nanoTime() ^ System.currentTimeMillis());
    }

    /** One registration request: the user fields and their JSON body. */
    record Registration(String username, String email, String password) {
        @Override
        public String toString() {
            return "Registration[username=" + username + "]";
        }
    }

    /** Returns the next unique registration; thread-safe. */
    Registration next() {
        long id = counter.incrementAndGet();
        SplittableRandom local;
        synchronized (random) {
            local = random.split();
        }
        String first = pick(local, FIRST_NAMES);
        String last = pick(local, LAST_NAMES);
        String username = first + "." + last + "_" + runTag + id;
        String email = first + "." + last + "." + runTag + id + "@example.com";
        return new Registration(trimUsername(username), email, password(local));
    }

    /** Returns the JSON body the register endpoint expects. */
    String toJson(Registration registration) {
        ObjectNode body = json.createObjectNode();
        body.put("username", registration.username());
        body.put("email", registration.email());
        body.put("password", registration.password());
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Failed to write a registration body as JSON.", e);
        }
    }

    private static String trimUsername(String username) {
        if (username.length() <= MAX_USERNAME_CHARS) {
            return username;
        }
        // Keep the unique suffix and drop letters from the front.
        return username.substring(username.length() - MAX_USERNAME_CHARS);
    }

    private static String password(SplittableRandom local) {
        boolean nonAscii = local.nextInt(NON_ASCII_ONE_IN) == 0;
        int words = local.nextInt(MIN_PASSWORD_WORDS, MAX_PASSWORD_WORDS + 1);
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < words; i++) {
            String candidate =
                    password
                            + (nonAscii && local.nextBoolean()
                                    ? pick(local, NON_ASCII_WORDS)
                                    : pick(local, ASCII_WORDS))
                            + PASSWORD_SEPARATORS.charAt(
                                    local.nextInt(PASSWORD_SEPARATORS.length()));
            if (utf8Length(candidate) > MAX_PASSWORD_BYTES - 4) {
                break;
            }
            password.setLength(0);
            password.append(candidate);
        }
        // Four digits keep even a two-word password above the minimum length.
        password.append(String.format(Locale.ROOT, "%04d", local.nextInt(PASSWORD_DIGITS_BOUND)));
        return password.toString();
    }

    static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String pick(SplittableRandom local, List<String> values) {
        return values.get(local.nextInt(values.size()));
    }
}
