package lab.bcrypt.hashing.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class HostCheckTest {

    @Test
    void unresolvableHostNamesHost() {
        // A stub lookup, so the test sends no DNS query.
        HostCheck.Lookup failing =
                host -> {
                    throw new UnknownHostException(host);
                };

        assertThatThrownBy(() -> HostCheck.requireLocal("nosuchhost.invalid", failing))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("nosuchhost.invalid for --host")
                .hasMessageContaining("does not resolve");
    }

    @Test
    void loopbackAndWildcardAreLocal() throws UnknownHostException {
        assertThat(HostCheck.isLocal(InetAddress.getByName("127.0.0.1"))).as("127.0.0.1").isTrue();
        assertThat(HostCheck.isLocal(InetAddress.getByName("127.0.0.2"))).as("127.0.0.2").isTrue();
        assertThat(HostCheck.isLocal(InetAddress.getByName("0.0.0.0"))).as("0.0.0.0").isTrue();
        assertThat(HostCheck.isLocal(InetAddress.getByName("::1"))).as("::1").isTrue();
    }

    @Test
    void bindFailureReasonComesFromOperatingSystem() {
        RuntimeException javalin =
                new RuntimeException(
                        "Port already in use. Make sure no other process is using port 0",
                        new java.io.IOException(
                                "Failed to bind",
                                new BindException("Cannot assign requested address")));

        assertThat(HostCheck.reason(javalin)).isEqualTo("Cannot assign requested address");
    }
}
