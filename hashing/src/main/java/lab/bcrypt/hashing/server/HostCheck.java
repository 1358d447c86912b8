package lab.bcrypt.hashing.server;

import java.net.BindException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;

/**
 * Checks {@code --host} before the server binds, and explains a failed bind. Without the check, a
 * host that does not resolve or is not this machine's reaches Jetty's bind, and Javalin reports
 * every bind failure as "Port already in use", even for port 0.
 */
final class HostCheck {

    private HostCheck() {}

    /** A host name lookup; {@link InetAddress#getByName} in the server, a stub in tests. */
    @FunctionalInterface
    interface Lookup {
        InetAddress resolve(String host) throws UnknownHostException;
    }

    /**
     * Resolves {@code host} and checks that it is an address of this machine.
     *
     * @throws StartupException when the name does not resolve or the address is not local
     */
    static void requireLocal(String host) {
        requireLocal(host, InetAddress::getByName);
    }

    /**
     * Checks {@code host} as {@link #requireLocal(String)} does, resolving it with {@code lookup}.
     */
    static void requireLocal(String host, Lookup lookup) {
        InetAddress address;
        try {
            address = lookup.resolve(host);
        } catch (UnknownHostException e) {
            throw new StartupException(
                    "Invalid value "
                            + host
                            + " for --host: the name does not resolve. Use an IP address of this"
                            + " machine, such as 127.0.0.1, or a name that resolves to one.",
                    e);
        }
        if (!isLocal(address)) {
            throw new StartupException(
                    "Invalid value "
                            + host
                            + " for --host: "
                            + address.getHostAddress()
                            + " is not an address of this machine, so the server cannot bind to"
                            + " it. Use 127.0.0.1, 0.0.0.0 or an address of a local network"
                            + " interface.");
        }
    }

    /** Returns whether this machine can bind to {@code address}. */
    static boolean isLocal(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            // The interfaces cannot be listed: let the bind itself decide.
            return true;
        }
    }

    /**
     * Returns the operating system's reason for a failed start, such as "Address already in use",
     * instead of Javalin's message, which always blames the port.
     */
    static String reason(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return cause.getMessage();
            }
        }
        return failure.getMessage();
    }
}
