package lab.bcrypt.offloaded;

import lab.bcrypt.hashing.server.ServerProcessTest;

/** The offloaded server's jar entry point as its own JVM: SIGTERM under load, 1000 connections. */
class OffloadedProcessTest extends ServerProcessTest {

    @Override
    protected String mainClass() {
        return "lab.bcrypt.offloaded.OffloadedServer";
    }
}
