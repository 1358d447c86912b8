package lab.bcrypt.jmh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openjdk.jmh.annotations.Param;

/**
 * Checks that the four libraries {@link LibraryComparisonBenchmark} times compute the same
 * function, so that their times can be compared: for one password, salt and cost they return the
 * same hash up to the version prefix, and each verifies the others' hashes.
 *
 * <p>The prefixes differ: Bouncy Castle writes {@code $2y$}, the other three {@code $2a$}. The
 * letters {@code a}, {@code b} and {@code y} name the same algorithm for passwords under 256 bytes.
 * They differ only in which old implementation bug a hash is marked free of. jBCrypt 0.4 rejects
 * {@code $2b$} and {@code $2y$}, so its verifier here rewrites the prefix to {@code $2a$} first.
 */
class CrossLibraryVerificationTest {

    /** Passwords tried: the benchmark's own, and one with 2-, 3- and 4-byte UTF-8 characters. */
    private static final String[] PASSWORDS = {BenchmarkInputs.PASSWORD, "pässwörd ∑ 🔐 naïve"};

    /** Length of the version prefix, for example "$2a$". */
    private static final int PREFIX_LENGTH = 4;

    /** Hashes of each password by each library, made once per password with one salt. */
    private static final Map<String, Map<Library, String>> HASHES = new ConcurrentHashMap<>();

    /** One library: how the benchmark hashes with it, and how it verifies a hash. */
    enum Library {
        FAVRE("$2a$", LibraryComparisonBenchmark::favre) {
            @Override
            boolean verify(String password, String hash) {
                return at.favre.lib.crypto.bcrypt.BCrypt.verifyer()
                        .verify(password.toCharArray(), hash)
                        .verified;
            }
        },
        SPRING_SECURITY("$2a$", LibraryComparisonBenchmark::springSecurity) {
            @Override
            boolean verify(String password, String hash) {
                return org.springframework.security.crypto.bcrypt.BCrypt.checkpw(password, hash);
            }
        },
        JBCRYPT("$2a$", LibraryComparisonBenchmark::jbcrypt) {
            @Override
            boolean verify(String password, String hash) {
                return org.mindrot.jbcrypt.BCrypt.checkpw(password, withPrefix2a(hash));
            }
        },
        BOUNCY_CASTLE("$2y$", LibraryComparisonBenchmark::bouncyCastle) {
            @Override
            boolean verify(String password, String hash) {
                return OpenBSDBCrypt.checkPassword(hash, password.toCharArray());
            }
        };

        final String defaultPrefix;
        final Function<LibraryComparisonBenchmark, String> benchmarkMethod;

        Library(
                String defaultPrefix,
                Function<LibraryComparisonBenchmark, String> benchmarkMethod) {
            this.defaultPrefix = defaultPrefix;
            this.benchmarkMethod = benchmarkMethod;
        }

        abstract boolean verify(String password, String hash);
    }

    static List<Arguments> passwordHasherVerifier() {
        List<Arguments> cases = new ArrayList<>();
        for (String password : PASSWORDS) {
            for (Library hasher : Library.values()) {
                for (Library verifier : Library.values()) {
                    cases.add(Arguments.of(password, hasher, verifier));
                }
            }
        }
        return cases;
    }

    static List<Arguments> passwordLibrary() {
        List<Arguments> cases = new ArrayList<>();
        for (String password : PASSWORDS) {
            for (Library library : Library.values()) {
                cases.add(Arguments.of(password, library));
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{1} hash of \"{0}\" verified by {2}")
    @MethodSource("passwordHasherVerifier")
    void verifierAcceptsHashOfEveryLibrary(String password, Library hasher, Library verifier) {
        String hash = hashesOf(password).get(hasher);

        assertThat(verifier.verify(password, hash)).isTrue();
    }

    @ParameterizedTest(name = "{1} hash of \"{0}\" rejected by {2} for a wrong password")
    @MethodSource("passwordHasherVerifier")
    void verifierRejectsWrongPassword(String password, Library hasher, Library verifier) {
        String hash = hashesOf(password).get(hasher);

        assertThat(verifier.verify(password + "!", hash)).isFalse();
    }

    @ParameterizedTest(name = "{1} hash of \"{0}\" equals favre's after the prefix")
    @MethodSource("passwordLibrary")
    void libraryReturnsSameHashAsFavreForSameSalt(String password, Library library) {
        Map<Library, String> hashes = hashesOf(password);

        assertThat(hashes.get(library).substring(PREFIX_LENGTH))
                .isEqualTo(hashes.get(Library.FAVRE).substring(PREFIX_LENGTH));
    }

    @ParameterizedTest(name = "{0} writes its default prefix")
    @EnumSource(Library.class)
    void libraryWritesItsDefaultPrefix(Library library) {
        String hash = hashesOf(BenchmarkInputs.PASSWORD).get(library);

        assertThat(hash).startsWith(library.defaultPrefix);
    }

    @ParameterizedTest(name = "jBCrypt rejects the {0} prefix unless rewritten")
    @ValueSource(strings = {"$2b$", "$2y$"})
    void jbcryptRejectsPrefixOtherThan2a(String prefix) {
        String hash =
                prefix
                        + hashesOf(BenchmarkInputs.PASSWORD)
                                .get(Library.FAVRE)
                                .substring(PREFIX_LENGTH);

        assertThatThrownBy(() -> org.mindrot.jbcrypt.BCrypt.checkpw(BenchmarkInputs.PASSWORD, hash))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Map<Library, String> hashesOf(String password) {
        return HASHES.computeIfAbsent(password, CrossLibraryVerificationTest::hashWithEveryLibrary);
    }

    /** Runs the benchmark's own setup and methods at its own cost, so the test checks them. */
    private static Map<Library, String> hashWithEveryLibrary(String password) {
        LibraryComparisonBenchmark benchmark = new LibraryComparisonBenchmark();
        benchmark.cost = benchmarkCost();
        benchmark.password = password;
        benchmark.drawSalt();

        Map<Library, String> hashes = new EnumMap<>(Library.class);
        for (Library library : Library.values()) {
            hashes.put(library, library.benchmarkMethod.apply(benchmark));
        }
        return hashes;
    }

    /** Returns the cost that JMH runs the benchmark at, read from its {@code @Param}. */
    private static int benchmarkCost() {
        try {
            Param param =
                    LibraryComparisonBenchmark.class.getField("cost").getAnnotation(Param.class);
            return Integer.parseInt(param.value()[0]);
        } catch (NoSuchFieldException e) {
            throw new AssertionError("LibraryComparisonBenchmark has no public field cost.", e);
        }
    }

    private static String withPrefix2a(String hash) {
        return "$2a$" + hash.substring(PREFIX_LENGTH);
    }
}
