package lab.bcrypt.hashing;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Hashes and verifies passwords with bcrypt (version {@code $2a$}) at one cost, on the calling
 * thread. Thread-safe: the underlying hasher keeps no state between calls apart from its {@link
 * java.security.SecureRandom}, which is thread-safe.
 *
 * <p>bcrypt reads at most {@value #MAX_PASSWORD_BYTES} bytes of key. Longer passwords are rejected
 * instead of truncated, because a truncated password would match every password that shares its
 * first 72 bytes.
 */
public final class PasswordHasher {

    /** bcrypt's key limit: the Blowfish key schedule takes at most 72 bytes. */
    public static final int MAX_PASSWORD_BYTES = 72;

    private final int cost;
    private final BCrypt.Hasher hasher = BCrypt.withDefaults();
    private final BCrypt.Verifyer verifyer = BCrypt.verifyer();

    /**
     * Creates a hasher at {@code cost}.
     *
     * @throws IllegalArgumentException when the cost lies outside {@link BcryptCost#MIN}..{@link
     *     BcryptCost#MAX}
     */
    public PasswordHasher(int cost) {
        this.cost = BcryptCost.validate(cost);
    }

    /**
     * Hashes {@code password} with a fresh random salt and returns the 60-character bcrypt string.
     *
     * @throws PasswordTooLongException when the password exceeds {@value #MAX_PASSWORD_BYTES} UTF-8
     *     bytes
     */
    public String hash(String password) {
        byte[] key = toKey(password);
        if (key.length > MAX_PASSWORD_BYTES) {
            throw new PasswordTooLongException(key.length);
        }
        return new String(hasher.hash(cost, key), StandardCharsets.US_ASCII);
    }

    /**
     * Returns whether {@code password} matches the bcrypt string {@code hash}. Returns false,
     * without running bcrypt, for a password over {@value #MAX_PASSWORD_BYTES} UTF-8 bytes, since
     * {@link #hash} never stores one.
     */
    public boolean verify(String password, String hash) {
        Objects.requireNonNull(hash, "hash");
        byte[] key = toKey(password);
        if (key.length > MAX_PASSWORD_BYTES) {
            return false;
        }
        return verifyer.verify(key, hash.getBytes(StandardCharsets.US_ASCII)).verified;
    }

    /** Returns the cost this hasher hashes at. */
    public int cost() {
        return cost;
    }

    /** Returns the length of {@code password} in UTF-8 bytes, the unit bcrypt's limit uses. */
    public static int utf8Length(String password) {
        return toKey(password).length;
    }

    /**
     * Returns whether {@code password} fits bcrypt's limit of {@value #MAX_PASSWORD_BYTES} bytes.
     */
    public static boolean fitsLimit(String password) {
        return utf8Length(password) <= MAX_PASSWORD_BYTES;
    }

    private static byte[] toKey(String password) {
        return Objects.requireNonNull(password, "password").getBytes(StandardCharsets.UTF_8);
    }
}
