package lab.bcrypt.blocking;

import lab.bcrypt.hashing.server.HardeningContractTest;
import lab.bcrypt.hashing.server.HashExecution;

/** The blocking server against the shared hardening contract. */
class BlockingHardeningTest extends HardeningContractTest {

    @Override
    protected HashExecution.Factory execution() {
        return hasher -> new BlockingServer.Inline();
    }

    @Override
    protected boolean respondsAtDeadline() {
        return false;
    }
}
