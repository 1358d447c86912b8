package lab.bcrypt.offloaded;

import lab.bcrypt.hashing.OffloadedHasher;
import lab.bcrypt.hashing.server.HardeningContractTest;
import lab.bcrypt.hashing.server.HashExecution;

/** The offloaded server against the shared hardening contract. */
class OffloadedHardeningTest extends HardeningContractTest {

    /** bcrypt threads: more than one, so hashes really run in parallel. */
    private static final int POOL_SIZE = 2;

    /** The server's default of 16 per bcrypt thread. */
    private static final int QUEUE_CAPACITY = OffloadedHasher.defaultQueueCapacity(POOL_SIZE);

    @Override
    protected HashExecution.Factory execution() {
        return hasher ->
                new OffloadedServer.Offloaded(
                        new OffloadedHasher(hasher, POOL_SIZE, QUEUE_CAPACITY));
    }

    @Override
    protected boolean respondsAtDeadline() {
        return true;
    }
}
