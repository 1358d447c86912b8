package lab.bcrypt.analysis;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;

/** A report file or chart that cannot be written; the command stops with the path and cause. */
final class ReportWriteException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ReportWriteException(Path file, IOException cause) {
        super(
                "cannot write "
                        + file
                        + " ("
                        + (cause instanceof FileAlreadyExistsException exists
                                ? exists.getFile() + " exists and is not a directory"
                                : ResultsFileException.describe(cause))
                        + "); make sure its directory exists, is a directory and is writable",
                cause);
    }
}
