package lab.bcrypt.hashing.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;

/**
 * The servers' {@code -V}/{@code --version} output: the command name and the project version, which
 * Maven writes into {@code version.properties} when it builds the hashing module.
 */
public final class ServerVersion implements CommandLine.IVersionProvider {

    private static final String RESOURCE = "version.properties";

    @Override
    public String[] getVersion() {
        return new String[] {"${COMMAND-NAME} " + projectVersion()};
    }

    /** Returns the project version this module was built as. */
    static String projectVersion() {
        try (InputStream in = ServerVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        RESOURCE + " is missing from the class path; rebuild the hashing module.");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }
}
