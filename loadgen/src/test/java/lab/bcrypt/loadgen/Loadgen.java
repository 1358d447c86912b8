package lab.bcrypt.loadgen;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the {@code loadgen} command line in this JVM and keeps its exit code and error output. */
record Loadgen(int exitCode, String err) {
    static Loadgen run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine commandLine = LoadgenCommand.commandLine();
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        int exitCode = commandLine.execute(args);
        return new Loadgen(exitCode, err.toString());
    }
}
