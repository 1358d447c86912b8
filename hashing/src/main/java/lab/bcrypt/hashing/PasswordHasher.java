package lab.bcrypt.hashing;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Hashes and verifies passwords with bcrypt (version {@code $2a$}) at one cost, on the calling
 * thread. Thread-safe: the underlying hasher keeps no state between calls apart from its {@link
 * java.security.SecureRandom}, which is thread-safe.
 *
 * <p>bcrypt reads at most {@value #MAX_PASSWORD_BYTES} bytes of key. Longer passwords are rejected
 * instead of truncated, because a truncated password would match every password that shares its
 * first 72 bytes.
 *
 * <p>A password with an unpaired UTF-16 surrogate has no UTF-8 form. {@link String#getBytes} would
 * replace each one with {@code '?'}, so {@code "\ud800abcdefgh"} and {@code "?abcdefgh"} would
 * share a hash. This class encodes strictly instead: {@link #hash} rejects such a password and
 * {@link #verify} never matches it.
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
     * @throws IllegalArgumentException when the password contains an unpaired surrogate
     */
    public String hash(String password) {
        byte[] key = toKey(password);
        if (key == null) {
            throw new IllegalArgumentException(
                    "Invalid password: it contains an unpaired UTF-16 surrogate, which has no"
                            + " UTF-8 form.");
        }
        if (key.length > MAX_PASSWORD_BYTES) {
            throw new PasswordTooLongException(key.length);
        }
        return new String(hasher.hash(cost, key), StandardCharsets.US_ASCII);
    }

    /**
     * Returns whether {@code password} matches the bcrypt string {@code hash}. Returns false,
     * without running bcrypt, for a password over {@value #MAX_PASSWORD_BYTES} UTF-8 bytes or with
     * an unpaired surrogate, since {@link #hash} never stores one.
     */
    public boolean verify(String password, String hash) {
        Objects.requireNonNull(hash, "hash");
        byte[] key = toKey(password);
        if (key == null || key.length > MAX_PASSWORD_BYTES) {
            return false;
        }
        return verifyer.verify(key, hash.getBytes(StandardCharsets.US_ASCII)).verified;
    }

    /** Returns the cost this hasher hashes at. */
    public int cost() {
        return cost;
    }

    /**
     * Returns the length of {@code password} in UTF-8 bytes, the unit bcrypt's limit uses, or -1
     * when it contains an unpaired surrogate.
     */
    public static int utf8Length(String password) {
        byte[] key = toKey(password);
        return key == null ? -1 : key.length;
    }

    /**
     * Returns whether {@link #hash} takes {@code password}: it has a UTF-8 form (no unpaired
     * surrogate) of at most {@value #MAX_PASSWORD_BYTES} bytes.
     */
    public static boolean fitsLimit(String password) {
        int length = utf8Length(password);
        return length >= 0 && length <= MAX_PASSWORD_BYTES;
    }

    /** Returns the UTF-8 bytes of {@code password}, or null when it has an unpaired surrogate. */
    private static byte[] toKey(String password) {
        CharBuffer chars = CharBuffer.wrap(Objects.requireNonNull(password, "password"));
        try {
            // A new encoder reports unpaired surrogates, where getBytes writes '?'.
            ByteBuffer bytes = StandardCharsets.UTF_8.newEncoder().encode(chars);
            return Arrays.copyOfRange(bytes.array(), bytes.position(), bytes.limit());
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
