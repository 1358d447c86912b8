package lab.bcrypt.loadgen;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code loadgen} command: one subcommand per load model, and {@code matrix} for the lab's
 * whole experiment matrix against both servers.
 *
 * <pre>
 * java -jar loadgen/target/loadgen.jar burst --target http://127.0.0.1:7070 --out results
 * java -jar loadgen/target/loadgen.jar matrix --blocking-jar server-blocking/target/server-blocking.jar \
 *     --offloaded-jar server-offloaded/target/server-offloaded.jar --out results --quick
 * </pre>
 */
@Command(
        name = "loadgen",
        mixinStandardHelpOptions = true,
        version = "loadgen 0.1.0",
        description = {
            "HdrHistogram load generator for the bcrypt offload lab.",
            "Latency runs from each request's intended send time, so coordinated omission cannot"
                    + " hide a stalled server; every error is counted; the client judges whether it"
                    + " was itself the bottleneck."
        },
        subcommands = {
            SequentialCommand.class,
            BurstCommand.class,
            ClosedCommand.class,
            OpenCommand.class,
            MatrixCommand.class,
            CommandLine.HelpCommand.class
        })
public final class LoadgenCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** Returns the command line, which reports an invalid option in one message and exits 2. */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new LoadgenCommand());
        commandLine.setParameterExceptionHandler(LoadgenCommand::reportInvalidInput);
        return commandLine;
    }

    /**
     * Prints the message and a pointer to {@code --help}, not the whole usage text, which would
     * push the message off the screen.
     */
    private static int reportInvalidInput(CommandLine.ParameterException e, String[] args) {
        CommandLine commandLine = e.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println(e.getMessage());
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
            err.println(
                    "Run '"
                            + commandLine.getCommandSpec().qualifiedName()
                            + " --help' for the options.");
        }
        err.flush();
        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "Missing subcommand: run 'loadgen --help' to list them.");
    }
}
