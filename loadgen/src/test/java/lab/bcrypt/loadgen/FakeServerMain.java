package lab.bcrypt.loadgen;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A stand-in for a server jar, run as a child process by the matrix tests: it accepts the server
 * options, starts a {@link StubServer} and prints the {@code listening on} line. SIGTERM stops it
 * through the shutdown hook. With {@code --fail-start} it exits without that line; with {@code
 * --slow-start} it prints nothing more for {@value #SLOW_START_MILLIS} ms, like a server hashing at
 * a high cost, and then exits.
 */
public final class FakeServerMain {
    private static final int THREADS = 4;
    private static final long REGISTER_DELAY_MILLIS = 5;

    /** Far beyond the 1 s start timeout of the test that uses it, and still bounded. */
    private static final long SLOW_START_MILLIS = 60_000;

    private FakeServerMain() {}

    public static void main(String[] args) throws Exception {
        List<String> options = Arrays.asList(args);
        if (options.contains("--fail-start")) {
            System.out.println("failing on purpose: --fail-start");
            System.exit(3);
        }
        if (options.contains("--slow-start")) {
            System.out.println("starting slowly on purpose: --slow-start");
            System.out.flush();
            Thread.sleep(SLOW_START_MILLIS);
            System.exit(3);
        }
        StubServer stub = StubServer.withDelay(THREADS, REGISTER_DELAY_MILLIS);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    stub.close();
                                    System.out.println("stopped");
                                    stopped.countDown();
                                }));
        System.out.println("starting with " + String.join(" ", args));
        System.out.println("listening on " + stub.baseUrl());
        System.out.flush();
        stopped.await();
    }
}
