package lab.bcrypt.hashing.server;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import lab.bcrypt.hashing.PasswordHasher;

/**
 * Where a request's bcrypt work runs: the one thing the two lab servers do differently.
 *
 * <p>The shared handlers call {@link #run} with the hash or verify of one request and build the
 * response from the returned future. When the future is already complete on return, as it is for
 * work run inline, the handler responds on the request thread; otherwise it responds through
 * Javalin's {@code ctx.future(...)} when the future completes.
 */
public interface HashExecution extends AutoCloseable {

    /**
     * Runs {@code hashing} and returns a future of its result. A failure completes the future
     * exceptionally; this method itself does not throw for a failing task.
     */
    <T> CompletableFuture<T> run(Supplier<T> hashing);

    /** Describes the execution for the start-up log, for example its pool sizes. */
    String describe();

    /** Registers this execution's meters, if it has any. */
    default void bindTo(MeterRegistry registry) {}

    /** Releases threads this execution owns, after the HTTP server has stopped. */
    @Override
    default void close() {}

    /** Creates a {@link HashExecution} around the server's synchronous hasher. */
    @FunctionalInterface
    interface Factory {
        HashExecution create(PasswordHasher hasher);
    }
}
