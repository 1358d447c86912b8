package lab.bcrypt.jmh;

/** Inputs shared by every benchmark group, so the groups measure the same work. */
final class BenchmarkInputs {

    /**
     * Password hashed by every benchmark: 28 ASCII bytes, a typical passphrase and well under
     * bcrypt's 72-byte limit. Its length does not change bcrypt's work, because the key schedule
     * cycles through the key bytes a fixed number of times.
     */
    static final String PASSWORD = "correct horse battery staple";

    private BenchmarkInputs() {}
}
