package lab.bcrypt.analysis;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Formats numbers for the report, always with {@link Locale#ROOT}. */
final class Format {

    /** Shown where a value is missing, so a reader never mistakes a gap for a zero. */
    static final String MISSING = "n/a";

    /** Ratios below this are shown with significant figures instead of fixed decimals. */
    private static final double SMALL_RATIO = 0.1;

    private Format() {}

    /** Formats with 3 significant figures below 100 and no decimals from 100 up. */
    static String number(Double value) {
        if (value == null || value.isNaN() || value.isInfinite()) {
            return MISSING;
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 100 || value == Math.rint(value) && magnitude >= 10) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (magnitude >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        if (magnitude >= 1 || magnitude == 0) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return String.format(Locale.ROOT, "%.3f", value);
    }

    /**
     * Formats a ratio as {@code 2.50×}, with two significant figures below 0.1 so a small ratio
     * never shows as zero; missing when either side is missing or the divisor is 0.
     */
    static String ratio(Double numerator, Double denominator) {
        Double ratio = ratioValue(numerator, denominator);
        if (ratio == null) {
            return MISSING;
        }
        if (ratio == 0.0 || ratio >= SMALL_RATIO) {
            return number(ratio) + "×";
        }
        return new BigDecimal(ratio).round(new MathContext(2)).toPlainString() + "×";
    }

    /** Formats a count of requests, threads or errors as a whole number. */
    static String count(Double value) {
        if (value == null || value.isNaN() || value.isInfinite()) {
            return MISSING;
        }
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    static Double ratioValue(Double numerator, Double denominator) {
        if (numerator == null || denominator == null || denominator == 0.0) {
            return null;
        }
        return numerator / denominator;
    }

    /** Formats a signed deviation such as {@code +23%}. */
    static String deviation(double fraction) {
        return String.format(Locale.ROOT, "%+.0f%%", fraction * 100);
    }

    /** Returns the count with the singular or plural noun phrase: "1 run is", "3 runs are". */
    static String plural(long count, String singular, String plural) {
        return count + " " + (count == 1 ? singular : plural);
    }

    static String mebibytes(Double bytes) {
        return bytes == null ? MISSING : number(bytes / (1024.0 * 1024.0));
    }
}
