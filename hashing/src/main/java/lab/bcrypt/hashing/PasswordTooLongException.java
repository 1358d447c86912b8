package lab.bcrypt.hashing;

import java.util.Locale;

/** A password over bcrypt's limit of {@value PasswordHasher#MAX_PASSWORD_BYTES} UTF-8 bytes. */
public final class PasswordTooLongException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int lengthBytes;

    PasswordTooLongException(int lengthBytes) {
        super(
                String.format(
                        Locale.ROOT,
                        "Password too long: %d UTF-8 bytes, bcrypt uses at most %d and this"
                                + " service never truncates. Use a shorter password.",
                        lengthBytes,
                        PasswordHasher.MAX_PASSWORD_BYTES));
        this.lengthBytes = lengthBytes;
    }

    /** Length of the rejected password in UTF-8 bytes. */
    public int lengthBytes() {
        return lengthBytes;
    }
}
