package lab.bcrypt.hashing.server;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Locale;
import java.util.regex.Pattern;
import lab.bcrypt.hashing.PasswordHasher;

/**
 * Parses and validates request bodies before any hashing starts. Each rule failure is an {@link
 * ApiException} with status 400 that names the field and the rule.
 *
 * <p>A body must be one JSON object. Duplicate keys and trailing content make it malformed. Fields
 * the API does not define are ignored, so a client may send more than it needs.
 *
 * <p>A password may hold any Unicode text except control characters (U+0000-U+001F and
 * U+007F-U+009F) and unpaired surrogates. U+0000 ends the key in C bcrypt implementations, so a
 * hash made with one inside would not verify the same way elsewhere; the other control characters
 * are invisible input mistakes; and an unpaired surrogate has no UTF-8 form, so Java would encode
 * it as '?' and two different passwords would share a hash. Emails follow the same two rules.
 */
public final class RequestBodies {

    /** Minimum username length, so that names stay recognisable. */
    static final int USERNAME_MIN_CHARS = 3;

    /** Maximum username length, above what people choose and small enough for any index. */
    static final int USERNAME_MAX_CHARS = 32;

    /** Maximum email length: SMTP's 256-octet path limit minus the two angle brackets. */
    static final int EMAIL_MAX_CHARS = 254;

    /** Minimum password length, the minimum NIST SP 800-63B sets for user-chosen secrets. */
    static final int PASSWORD_MIN_CHARS = 8;

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]+");

    /** One {@code @}, no spaces, and a dot in the domain: a syntax check, not a mailbox check. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    /** Start of Jackson's message for a repeated key (jackson-core 2.x). */
    private static final String DUPLICATE_FIELD_PREFIX = "Duplicate field ";

    private static final String[] API_FIELDS = {"username", "email", "password"};

    private final ObjectMapper mapper;

    public RequestBodies() {
        this.mapper =
                JsonMapper.builder()
                        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                        .build();
    }

    /** Returns the mapper that reads bodies, which also writes replies. */
    public ObjectMapper mapper() {
        return mapper;
    }

    /** A valid registration. */
    public record Registration(String username, String email, String password) {
        @Override
        public String toString() {
            return "Registration[username=" + username + ", email=" + email + "]";
        }
    }

    /** A login attempt; its fields are only type-checked, since a wrong value is a 401. */
    public record Login(String username, String password) {
        @Override
        public String toString() {
            return "Login[username=" + username + "]";
        }
    }

    /** Parses and validates a registration body. */
    public Registration registration(byte[] body) {
        JsonNode root = parseObject(body);
        String username = requiredString(root, "username");
        String email = requiredString(root, "email");
        String password = requiredString(root, "password");
        checkUsername(username);
        checkEmail(email);
        checkPassword(password);
        return new Registration(username, email, password);
    }

    /** Parses a login body and checks that both fields are strings. */
    public Login login(byte[] body) {
        JsonNode root = parseObject(body);
        return new Login(requiredString(root, "username"), requiredString(root, "password"));
    }

    private JsonNode parseObject(byte[] body) {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JacksonException e) {
            // Jackson's own message can quote the body, which may hold a password: give only
            // the position.
            throw ApiException.of(
                    ApiError.MALFORMED_BODY, "Malformed JSON body" + position(e) + problem(e));
        } catch (IOException e) {
            throw ApiException.of(ApiError.MALFORMED_BODY, "Unreadable request body.");
        }
        if (root == null || !root.isObject()) {
            String found =
                    root == null || root.isMissingNode()
                            ? "an empty body"
                            : root.getNodeType().name().toLowerCase(Locale.ROOT);
            throw ApiException.of(
                    ApiError.MALFORMED_BODY,
                    "The body must be a JSON object, found " + found + ".");
        }
        return root;
    }

    /**
     * Returns the end of the malformed-body message: which key repeats, for a duplicate key, and
     * what to send otherwise. Only the API's own field names are quoted, since any other key is
     * client text that could be a secret.
     */
    private static String problem(JacksonException e) {
        String original = String.valueOf(e.getOriginalMessage());
        if (!original.startsWith(DUPLICATE_FIELD_PREFIX)) {
            return ". Send one JSON object.";
        }
        for (String field : API_FIELDS) {
            if (original.equals(DUPLICATE_FIELD_PREFIX + "'" + field + "'")) {
                return ": the key '" + field + "' appears twice. Send each key once.";
            }
        }
        return ": a key appears twice. Send each key once.";
    }

    private static String position(JacksonException e) {
        if (e.getLocation() == null || e.getLocation().getLineNr() < 1) {
            return "";
        }
        return String.format(
                Locale.ROOT,
                " at line %d, column %d",
                e.getLocation().getLineNr(),
                e.getLocation().getColumnNr());
    }

    private static String requiredString(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            throw ApiException.field(
                    ApiError.INVALID_FIELD,
                    field,
                    "Missing field '" + field + "': it is required.");
        }
        if (!value.isTextual()) {
            throw ApiException.field(
                    ApiError.INVALID_FIELD,
                    field,
                    String.format(
                            Locale.ROOT,
                            "Field '%s' must be a string, found %s.",
                            field,
                            value.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        return value.textValue();
    }

    private static void checkUsername(String username) {
        int length = username.codePointCount(0, username.length());
        if (length < USERNAME_MIN_CHARS
                || length > USERNAME_MAX_CHARS
                || !USERNAME.matcher(username).matches()) {
            throw ApiException.field(
                    ApiError.INVALID_FIELD,
                    "username",
                    String.format(
                            Locale.ROOT,
                            "Invalid username: use %d-%d characters from A-Z, a-z, 0-9, '.', '_'"
                                    + " and '-'.",
                            USERNAME_MIN_CHARS,
                            USERNAME_MAX_CHARS));
        }
    }

    private static void checkEmail(String email) {
        if (email.length() > EMAIL_MAX_CHARS
                || !EMAIL.matcher(email).matches()
                || firstUnencodable(email) >= 0) {
            throw ApiException.field(
                    ApiError.INVALID_FIELD,
                    "email",
                    String.format(
                            Locale.ROOT,
                            "Invalid email: use the form name@example.org, at most %d characters.",
                            EMAIL_MAX_CHARS));
        }
    }

    private static void checkPassword(String password) {
        int chars = password.codePointCount(0, password.length());
        if (chars < PASSWORD_MIN_CHARS) {
            throw ApiException.field(
                    ApiError.INVALID_FIELD,
                    "password",
                    String.format(
                            Locale.ROOT,
                            "Password too short: %d characters, the minimum is %d.",
                            chars,
                            PASSWORD_MIN_CHARS));
        }
        int unencodable = firstUnencodable(password);
        if (unencodable >= 0) {
            throw ApiException.field(
                    ApiError.INVALID_FIELD,
                    "password",
                    String.format(
                            Locale.ROOT,
                            "Invalid password: character %d is a control character or an unpaired"
                                    + " surrogate. Use printable characters.",
                            unencodable + 1));
        }
        int bytes = PasswordHasher.utf8Length(password);
        if (bytes > PasswordHasher.MAX_PASSWORD_BYTES) {
            throw ApiException.field(
                    ApiError.INVALID_FIELD,
                    "password",
                    String.format(
                            Locale.ROOT,
                            "Password too long: %d UTF-8 bytes, the maximum is %d because bcrypt"
                                    + " ignores the rest. Use a shorter password.",
                            bytes,
                            PasswordHasher.MAX_PASSWORD_BYTES));
        }
    }

    /**
     * Returns the index (in code points) of the first control character or unpaired surrogate in
     * {@code text}, or -1 when there is none.
     */
    static int firstUnencodable(String text) {
        int index = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            if (Character.isISOControl(codePoint)
                    || (codePoint >= Character.MIN_SURROGATE
                            && codePoint <= Character.MAX_SURROGATE)) {
                return index;
            }
            i += Character.charCount(codePoint);
            index++;
        }
        return -1;
    }
}
