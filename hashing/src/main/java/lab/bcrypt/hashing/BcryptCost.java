package lab.bcrypt.hashing;

import java.util.Locale;

/** The bcrypt cost factor: the base-2 logarithm of the number of key-expansion rounds. */
public final class BcryptCost {

    /** Smallest cost the bcrypt format encodes (16 rounds). */
    public static final int MIN = 4;

    /** Largest cost the bcrypt format encodes (2^31 rounds). */
    public static final int MAX = 31;

    /**
     * Default cost. 10 is the default strength of Spring Security's BCryptPasswordEncoder, and one
     * hash takes about 80 ms at it (favre bcrypt 0.10.2, Java 17, the 2-core lab machine, one timed
     * hash), so a lab run at the default stays short.
     */
    public static final int DEFAULT = 10;

    private BcryptCost() {}

    /**
     * Returns {@code cost} when it lies in {@link #MIN}..{@link #MAX}.
     *
     * @throws IllegalArgumentException naming the valid range when it does not
     */
    public static int validate(int cost) {
        if (cost < MIN || cost > MAX) {
            throw new IllegalArgumentException(
                    String.format(
                            Locale.ROOT,
                            "Invalid bcrypt cost %d: it must lie in %d-%d (default %d).",
                            cost,
                            MIN,
                            MAX,
                            DEFAULT));
        }
        return cost;
    }
}
