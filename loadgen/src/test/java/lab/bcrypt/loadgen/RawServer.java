package lab.bcrypt.loadgen;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP server that does not speak HTTP: it either never responds (the connection stays
 * open and silent) or responds to every connection with bytes that are not an HTTP response.
 */
final class RawServer implements AutoCloseable {
    private static final byte[] GARBAGE =
            "SSH-2.0-not-http\r\n\u0000\u0001garbage\r\n\r\n".getBytes(StandardCharsets.UTF_8);

    private final ServerSocket socket;
    private final boolean silent;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private RawServer(boolean silent) throws IOException {
        this.silent = silent;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "raw-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A server that accepts connections and never writes a byte. */
    static RawServer silent() throws IOException {
        return new RawServer(true);
    }

    /** A server that writes non-HTTP bytes to every connection and closes it. */
    static RawServer garbage() throws IOException {
        return new RawServer(false);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                if (silent) {
                    connections.add(connection);
                } else {
                    answerWithGarbage(connection);
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void answerWithGarbage(Socket connection) {
        try (connection) {
            OutputStream out = connection.getOutputStream();
            out.write(GARBAGE);
            out.flush();
        } catch (IOException e) {
            // The client may already have closed the connection; nothing to clean up.
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket connection : connections) {
            connection.close();
        }
    }
}
