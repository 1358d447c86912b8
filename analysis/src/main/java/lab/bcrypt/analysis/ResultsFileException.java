package lab.bcrypt.analysis;

import java.nio.file.Path;

/**
 * A results file that exists but cannot be read: a corrupt {@code .hlog}, a CSV with bytes that are
 * not UTF-8. The report catches it per section, lists the file as unreadable there and goes on.
 */
final class ResultsFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ResultsFileException(Path file, String problem, Throwable cause) {
        super(file + " is unreadable: " + problem + " (" + describe(cause) + ")", cause);
    }

    /** Returns the exception's message, or its class name when it has none. */
    static String describe(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
}
