package lab.bcrypt.hashing.server;

import java.time.Duration;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The HTTP/1.1 connector both servers listen on, sized for the lab's bursts of 1000 connections.
 *
 * <p>Javalin's own connector keeps Jetty's defaults: the JDK's listen backlog of 50 and a 30 s idle
 * timeout. A burst of 1000 connects overflowed that backlog, and the blocking server closed
 * connections whose requests had waited 30 s for a request thread. Both cut the measurement short,
 * so the lab sets the two values here, once for both servers.
 *
 * <p>The long idle timeout must not let a slow client hold a request thread, so reads and writes
 * within a request have their own, shorter idle timeout ({@code --body-timeout-ms}), which Jetty
 * applies from the moment it has parsed the request head until the response is complete.
 */
final class HttpConnector {

    /**
     * Listen backlog: room for the largest burst the lab sends (1000 connections at once). Linux
     * caps it at {@code net.core.somaxconn}, which is 4096 on kernels since 5.4.
     */
    static final int ACCEPT_QUEUE_SIZE = 1024;

    /**
     * How long a connection may see no I/O before Jetty closes it. A request queued behind a burst
     * of 1000 hashes at cost 12 (about 270 ms each, JMH on the lab's 2-core machine) waits about
     * 1000 × 0.27 s / 2 cores = 135 s for a thread on the blocking server, and Jetty counts that
     * wait as idle time. Five minutes covers it with room to spare.
     */
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(5);

    private HttpConnector() {}

    /**
     * Creates the connector on {@code host:port}; port 0 picks a free port when it starts. {@code
     * requestIdleTimeout} bounds each wait for I/O within a request.
     */
    static ServerConnector create(
            Server server,
            HttpConfiguration httpConfiguration,
            String host,
            int port,
            Duration requestIdleTimeout) {
        // Jetty sets this on the connection when a request head is parsed, and puts the
        // connector's idle timeout back when the response is complete.
        httpConfiguration.setIdleTimeout(requestIdleTimeout.toMillis());
        ServerConnector connector =
                new ServerConnector(server, new HttpConnectionFactory(httpConfiguration));
        connector.setHost(host);
        connector.setPort(port);
        connector.setAcceptQueueSize(ACCEPT_QUEUE_SIZE);
        connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
        return connector;
    }
}
