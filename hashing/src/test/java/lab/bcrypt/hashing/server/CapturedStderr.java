package lab.bcrypt.hashing.server;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Copies everything written to {@link System#err} while open, where slf4j-simple writes the
 * servers' logs (it looks up {@code System.err} on every write), and still passes it on.
 */
final class CapturedStderr implements AutoCloseable {

    private final PrintStream original;
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

    private CapturedStderr(PrintStream original) {
        this.original = original;
    }

    static CapturedStderr start() {
        CapturedStderr captured = new CapturedStderr(System.err);
        System.setErr(new PrintStream(captured.tee(), true, StandardCharsets.UTF_8));
        return captured;
    }

    private OutputStream tee() {
        return new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (copy) {
                    copy.write(b);
                }
                original.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                synchronized (copy) {
                    copy.write(bytes, offset, length);
                }
                original.write(bytes, offset, length);
            }
        };
    }

    /** Returns what was written so far. */
    String text() {
        synchronized (copy) {
            return copy.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        System.setErr(original);
    }
}
