package lab.bcrypt.blocking;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import lab.bcrypt.hashing.server.HashExecution;
import lab.bcrypt.hashing.server.LabServer;
import lab.bcrypt.hashing.server.ServerOptions;
import lab.bcrypt.hashing.server.ServerVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The lab server that runs bcrypt inline, on the Jetty request thread of each request. */
@Command(
        name = "server-blocking",
        mixinStandardHelpOptions = true,
        versionProvider = ServerVersion.class,
        description = "Javalin server that hashes passwords with bcrypt on its request threads.")
public final class BlockingServer implements Callable<Integer> {

    @Mixin private ServerOptions options = new ServerOptions();

    public static void main(String[] args) {
        LabServer.main(new BlockingServer(), args);
    }

    @Override
    public Integer call() {
        return LabServer.serve(options, hasher -> new Inline());
    }

    /** Runs each hash or verify on the calling thread: the request thread stays busy with it. */
    static final class Inline implements HashExecution {

        @Override
        public <T> CompletableFuture<T> run(Supplier<T> hashing) {
            try {
                return CompletableFuture.completedFuture(hashing.get());
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        @Override
        public String describe() {
            return "inline on the request thread";
        }
    }
}
