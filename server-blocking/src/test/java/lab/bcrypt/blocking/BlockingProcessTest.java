package lab.bcrypt.blocking;

import lab.bcrypt.hashing.server.ServerProcessTest;

/** The blocking server's jar entry point as its own JVM: SIGTERM under load, 1000 connections. */
class BlockingProcessTest extends ServerProcessTest {

    @Override
    protected String mainClass() {
        return "lab.bcrypt.blocking.BlockingServer";
    }
}
