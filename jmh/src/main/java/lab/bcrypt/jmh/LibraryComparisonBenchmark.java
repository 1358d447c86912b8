package lab.bcrypt.jmh;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time per hash of four Java bcrypt libraries on the same password, salt and cost.
 *
 * <p><b>Question:</b> does at.favre {@code bcrypt}, the library the lab hashes with, cost more or
 * less than Spring Security's {@code BCrypt} ({@code spring-security-crypto}), jBCrypt ({@code
 * org.mindrot:jbcrypt}) and Bouncy Castle's {@code OpenBSDBCrypt} for the same work?
 *
 * <p><b>Expected:</b> the four within a factor of about two of each other, because each runs the
 * same Eksblowfish key schedule (2^cost rounds of key expansion) in pure Java. A library far
 * outside that range does different work or has a slower inner loop. {@code
 * CrossLibraryVerificationTest} shows that the four return the same hash for the same input and
 * verify each other's hashes. Without that test the comparison would mean nothing.
 *
 * <p><b>Not for:</b> choosing a library on security grounds. The libraries differ in version prefix
 * ({@code $2a$} against Bouncy Castle's {@code $2y$}), in how they treat passwords over 72 bytes
 * and in how they draw salts, and none of that shows here.
 *
 * <p><b>Traps avoided.</b> Dead code: each method returns its hash, so JMH consumes it. Unequal
 * work: one salt, drawn once per trial ({@code Level.Trial}), goes to all four libraries, and
 * drawing it is not measured. Constant folding: the password is read from a non-final field.
 * Forking: each method runs in fresh JVMs, so one library's JIT profile does not shape the code of
 * the next.
 *
 * <p><b>Run:</b> {@code java -jar jmh/target/benchmarks.jar LibraryComparisonBenchmark}
 */
// Full budget: 4 methods x 2 forks x (2 warm-up + 3 measured iterations) x 1 s = 40 s, plus
// about 1 s to start each of the 8 forks: about 48 s.
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(2)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Benchmark)
public class LibraryComparisonBenchmark {

    /** Length of a bcrypt setting: "$2a$", two cost digits, "$" and 22 salt characters. */
    private static final int SETTING_LENGTH = 29;

    /** bcrypt cost factor: 10, the lab's default cost. */
    @Param("10")
    public int cost;

    /** Password to hash. Public so that the cross-library test can try other passwords. */
    public String password = BenchmarkInputs.PASSWORD;

    private byte[] salt;
    private String setting;
    private BCrypt.Hasher favreHasher;

    /** Draws the trial's salt and encodes it for the libraries that take a setting string. */
    @Setup(Level.Trial)
    public void drawSalt() {
        salt = new byte[BCrypt.SALT_LENGTH];
        new SecureRandom().nextBytes(salt);
        favreHasher = BCrypt.withDefaults();

        // A bcrypt hash starts with its setting (version, cost and salt), which is the salt
        // argument that Spring Security and jBCrypt take.
        setting = favre().substring(0, SETTING_LENGTH);
    }

    @Benchmark
    public String favre() {
        byte[] hash = favreHasher.hash(cost, salt, password.getBytes(StandardCharsets.UTF_8));
        return new String(hash, StandardCharsets.UTF_8);
    }

    @Benchmark
    public String springSecurity() {
        return org.springframework.security.crypto.bcrypt.BCrypt.hashpw(password, setting);
    }

    @Benchmark
    public String jbcrypt() {
        return org.mindrot.jbcrypt.BCrypt.hashpw(password, setting);
    }

    @Benchmark
    public String bouncyCastle() {
        return OpenBSDBCrypt.generate(password.toCharArray(), salt, cost);
    }
}
