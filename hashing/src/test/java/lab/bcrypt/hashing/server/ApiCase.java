package lab.bcrypt.hashing.server;

import static lab.bcrypt.hashing.server.ApiClient.login;
import static lab.bcrypt.hashing.server.ApiClient.registration;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One row of the shared table: a request and the response both servers must give, as status, the
 * exact set of top-level body keys, and for errors the {@code error} code and the {@code field}.
 *
 * <p>The table assumes the user {@link #SEED_USERNAME} with {@link #SEED_EMAIL} and {@link
 * #SEED_PASSWORD} exists, and that each row runs once per server. A row with a body sends it as
 * {@code application/json} unless {@link #contentType} says otherwise; {@link #NO_CONTENT_TYPE}
 * sends no {@code Content-Type} at all.
 */
public record ApiCase(
        String name,
        String method,
        String path,
        String body,
        int status,
        Set<String> keys,
        String error,
        String field,
        String contentType) {

    /** {@link #contentType} of a row that sends no {@code Content-Type} header. */
    public static final String NO_CONTENT_TYPE = "";

    public static final String SEED_USERNAME = "Carol";
    public static final String SEED_EMAIL = "carol@example.org";
    public static final String SEED_PASSWORD = "carol-secret";

    private static final String REGISTER = "/api/users/register/";
    private static final String LOGIN = "/api/users/login/";
    private static final Set<String> ERROR_KEYS = Set.of("error", "message");
    private static final Set<String> FIELD_ERROR_KEYS = Set.of("error", "message", "field");
    private static final Set<String> USER_KEYS = Set.of("id", "username", "email");

    @Override
    public String toString() {
        return name;
    }

    private static ApiCase ok(
            String name, String method, String path, String body, int status, Set<String> keys) {
        return new ApiCase(name, method, path, body, status, keys, null, null, null);
    }

    private static ApiCase error(
            String name, String method, String path, String body, int status, String error) {
        return new ApiCase(name, method, path, body, status, ERROR_KEYS, error, null, null);
    }

    private static ApiCase fieldError(
            String name, String path, String body, int status, String error, String field) {
        return new ApiCase(name, "POST", path, body, status, FIELD_ERROR_KEYS, error, field, null);
    }

    /** Returns this row sending {@code value} as its {@code Content-Type}. */
    private ApiCase withContentType(String value) {
        return new ApiCase(name, method, path, body, status, keys, error, field, value);
    }

    /** Returns the table: the rows both servers had from the start, then the hardening rows. */
    public static List<ApiCase> table() {
        List<ApiCase> rows = new ArrayList<>(basics());
        rows.addAll(passwords());
        rows.addAll(malformedBodies());
        return rows;
    }

    private static List<ApiCase> basics() {
        String e72 = "é".repeat(36);
        String e74 = "é".repeat(37);
        return List.of(
                ok("health with slash", "GET", "/api/health/", null, 200, Set.of("status")),
                ok("health without slash", "GET", "/api/health", null, 200, Set.of("status")),
                ok(
                        "register with slash",
                        "POST",
                        REGISTER,
                        registration("dave", "dave@example.org", "dave-secret"),
                        201,
                        USER_KEYS),
                ok(
                        "register without slash",
                        "POST",
                        "/api/users/register",
                        registration("erin", "erin@example.org", "erin-secret"),
                        201,
                        USER_KEYS),
                ok(
                        "register 72-byte ASCII password",
                        "POST",
                        REGISTER,
                        registration("frank", "frank@example.org", "p".repeat(72)),
                        201,
                        USER_KEYS),
                ok(
                        "register 72-byte two-byte password",
                        "POST",
                        REGISTER,
                        registration("grace", "grace@example.org", e72),
                        201,
                        USER_KEYS),
                fieldError(
                        "register taken username other case",
                        REGISTER,
                        registration("CAROL", "carol2@example.org", "another-secret"),
                        409,
                        "conflict",
                        "username"),
                fieldError(
                        "register taken email other case",
                        REGISTER,
                        registration("carol2", "Carol@Example.ORG", "another-secret"),
                        409,
                        "conflict",
                        "email"),
                fieldError(
                        "register 7-character password",
                        REGISTER,
                        registration("heidi", "heidi@example.org", "1234567"),
                        400,
                        "invalid_field",
                        "password"),
                fieldError(
                        "register 73-byte password",
                        REGISTER,
                        registration("ivan", "ivan@example.org", "p".repeat(73)),
                        400,
                        "invalid_field",
                        "password"),
                fieldError(
                        "register 74-byte two-byte password",
                        REGISTER,
                        registration("judy", "judy@example.org", e74),
                        400,
                        "invalid_field",
                        "password"),
                fieldError(
                        "register missing email",
                        REGISTER,
                        "{\"username\":\"mallory\",\"password\":\"mallory-secret\"}",
                        400,
                        "invalid_field",
                        "email"),
                fieldError(
                        "register null username",
                        REGISTER,
                        "{\"username\":null,\"email\":\"m@example.org\",\"password\":\"mallory-secret\"}",
                        400,
                        "invalid_field",
                        "username"),
                fieldError(
                        "register numeric username",
                        REGISTER,
                        "{\"username\":42,\"email\":\"m@example.org\",\"password\":\"mallory-secret\"}",
                        400,
                        "invalid_field",
                        "username"),
                fieldError(
                        "register username with space",
                        REGISTER,
                        registration("mal lory", "m@example.org", "mallory-secret"),
                        400,
                        "invalid_field",
                        "username"),
                fieldError(
                        "register two-character username",
                        REGISTER,
                        registration("ml", "m@example.org", "mallory-secret"),
                        400,
                        "invalid_field",
                        "username"),
                fieldError(
                        "register email without at",
                        REGISTER,
                        registration("mallory", "mallory.example.org", "mallory-secret"),
                        400,
                        "invalid_field",
                        "email"),
                error(
                        "register not JSON",
                        "POST",
                        REGISTER,
                        "username=mallory",
                        400,
                        "malformed_body"),
                error(
                        "register truncated JSON",
                        "POST",
                        REGISTER,
                        "{\"username\":\"mallory\",",
                        400,
                        "malformed_body"),
                error("register JSON array", "POST", REGISTER, "[1,2]", 400, "malformed_body"),
                error("register JSON null", "POST", REGISTER, "null", 400, "malformed_body"),
                error("register empty body", "POST", REGISTER, "", 400, "malformed_body"),
                error(
                        "register duplicate key",
                        "POST",
                        REGISTER,
                        "{\"username\":\"a1b\",\"username\":\"a2b\",\"email\":\"m@example.org\",\"password\":\"mallory-secret\"}",
                        400,
                        "malformed_body"),
                error(
                        "register body over limit",
                        "POST",
                        REGISTER,
                        registration("oscar", "oscar@example.org", "x".repeat(5000)),
                        413,
                        "payload_too_large"),
                ok(
                        "login seed user other case",
                        "POST",
                        LOGIN,
                        login("carol", SEED_PASSWORD),
                        200,
                        Set.of("username")),
                ok(
                        "login without slash",
                        "POST",
                        "/api/users/login",
                        login(SEED_USERNAME, SEED_PASSWORD),
                        200,
                        Set.of("username")),
                error(
                        "login wrong password",
                        "POST",
                        LOGIN,
                        login(SEED_USERNAME, "wrong-secret"),
                        401,
                        "invalid_credentials"),
                error(
                        "login unknown user",
                        "POST",
                        LOGIN,
                        login("nobody", SEED_PASSWORD),
                        401,
                        "invalid_credentials"),
                error(
                        "login 80-byte password",
                        "POST",
                        LOGIN,
                        login(SEED_USERNAME, "p".repeat(80)),
                        401,
                        "invalid_credentials"),
                fieldError(
                        "login missing password",
                        LOGIN,
                        "{\"username\":\"carol\"}",
                        400,
                        "invalid_field",
                        "password"),
                error("login not JSON", "POST", LOGIN, "carol:secret", 400, "malformed_body"),
                error("unknown path", "GET", "/api/nothing/", null, 404, "not_found"),
                error("health with POST", "POST", "/api/health/", "{}", 405, "method_not_allowed"),
                error("register with GET", "GET", REGISTER, null, 405, "method_not_allowed"));
    }

    /** Passwords at bcrypt's 72-byte limit in 1-, 2-, 3- and 4-byte characters, and bad ones. */
    private static List<ApiCase> passwords() {
        String euro72 = "€".repeat(24);
        String emoji72 = "😀".repeat(18);
        String emoji76 = "😀".repeat(19);
        return List.of(
                ok(
                        "register 72-byte three-byte password",
                        "POST",
                        REGISTER,
                        registration("ivy", "ivy@example.org", euro72),
                        201,
                        USER_KEYS),
                ok(
                        "register 72-byte emoji password",
                        "POST",
                        REGISTER,
                        registration("kim", "kim@example.org", emoji72),
                        201,
                        USER_KEYS),
                fieldError(
                        "register 76-byte emoji password",
                        REGISTER,
                        registration("ken", "ken@example.org", emoji76),
                        400,
                        "invalid_field",
                        "password"),
                fieldError(
                        "register password with U+0000",
                        REGISTER,
                        registration("nul1", "nul1@example.org", "secret\u0000secret"),
                        400,
                        "invalid_field",
                        "password"),
                fieldError(
                        "register password with tab",
                        REGISTER,
                        registration("tab1", "tab1@example.org", "secret\tsecret"),
                        400,
                        "invalid_field",
                        "password"),
                fieldError(
                        "register password with C1 control",
                        REGISTER,
                        registration("c1c1", "c1c1@example.org", "secret\u0085secret"),
                        400,
                        "invalid_field",
                        "password"),
                fieldError(
                        "register password with lone surrogate",
                        REGISTER,
                        "{\"username\":\"sur1\",\"email\":\"sur1@example.org\","
                                + "\"password\":\"secret\\ud800secret\"}",
                        400,
                        "invalid_field",
                        "password"),
                fieldError(
                        "register email with control character",
                        REGISTER,
                        registration("ctl1", "ctl\u0001@example.org", "mallory-secret"),
                        400,
                        "invalid_field",
                        "email"),
                error(
                        "login 76-byte emoji password",
                        "POST",
                        LOGIN,
                        login(SEED_USERNAME, emoji76),
                        401,
                        "invalid_credentials"),
                error(
                        "login password with U+0000",
                        "POST",
                        LOGIN,
                        login(SEED_USERNAME, SEED_PASSWORD + "\u0000"),
                        401,
                        "invalid_credentials"));
    }

    /** Bodies that are not one JSON object with string fields, and wrong content types. */
    private static List<ApiCase> malformedBodies() {
        String valid = registration("mallory", "m@example.org", "mallory-secret");
        return List.of(
                error("register JSON number", "POST", REGISTER, "42", 400, "malformed_body"),
                error("register JSON string", "POST", REGISTER, "\"x\"", 400, "malformed_body"),
                error("register two objects", "POST", REGISTER, "{}{}", 400, "malformed_body"),
                fieldError(
                        "register empty object", REGISTER, "{}", 400, "invalid_field", "username"),
                fieldError(
                        "register boolean password",
                        REGISTER,
                        "{\"username\":\"mallory\",\"email\":\"m@example.org\",\"password\":true}",
                        400,
                        "invalid_field",
                        "password"),
                fieldError(
                        "register object email",
                        REGISTER,
                        "{\"username\":\"mallory\",\"email\":{},\"password\":\"mallory-secret\"}",
                        400,
                        "invalid_field",
                        "email"),
                fieldError(
                        "register array username",
                        REGISTER,
                        "{\"username\":[\"a\"],\"email\":\"m@example.org\",\"password\":\"mallory-secret\"}",
                        400,
                        "invalid_field",
                        "username"),
                ok(
                        "register unknown field ignored",
                        "POST",
                        REGISTER,
                        "{\"username\":\"uma\",\"email\":\"uma@example.org\","
                                + "\"password\":\"uma-secret\",\"role\":\"admin\"}",
                        201,
                        USER_KEYS),
                error(
                                "register text/plain content type",
                                "POST",
                                REGISTER,
                                valid,
                                400,
                                "invalid_content_type")
                        .withContentType("text/plain"),
                error(
                                "register form content type",
                                "POST",
                                REGISTER,
                                valid,
                                400,
                                "invalid_content_type")
                        .withContentType("application/x-www-form-urlencoded"),
                error(
                                "register no content type",
                                "POST",
                                REGISTER,
                                valid,
                                400,
                                "invalid_content_type")
                        .withContentType(NO_CONTENT_TYPE),
                error(
                                "register Latin-1 charset",
                                "POST",
                                REGISTER,
                                valid,
                                400,
                                "invalid_content_type")
                        .withContentType("application/json; charset=ISO-8859-1"),
                ok(
                                "register UTF-8 charset",
                                "POST",
                                REGISTER,
                                registration("vera", "vera@example.org", "vera-secret"),
                                201,
                                USER_KEYS)
                        .withContentType("Application/JSON; charset=\"UTF-8\""),
                error("login JSON array", "POST", LOGIN, "[]", 400, "malformed_body"),
                error("login empty body", "POST", LOGIN, "", 400, "malformed_body"),
                fieldError(
                        "login null password",
                        LOGIN,
                        "{\"username\":\"carol\",\"password\":null}",
                        400,
                        "invalid_field",
                        "password"),
                fieldError(
                        "login numeric username",
                        LOGIN,
                        "{\"username\":7,\"password\":\"carol-secret\"}",
                        400,
                        "invalid_field",
                        "username"),
                error(
                                "login text/plain content type",
                                "POST",
                                LOGIN,
                                login(SEED_USERNAME, SEED_PASSWORD),
                                400,
                                "invalid_content_type")
                        .withContentType("text/plain"),
                error(
                        "login body over limit",
                        "POST",
                        LOGIN,
                        login(SEED_USERNAME, "x".repeat(5000)),
                        413,
                        "payload_too_large"));
    }
}
