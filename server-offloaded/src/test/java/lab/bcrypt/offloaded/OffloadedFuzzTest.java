package lab.bcrypt.offloaded;

import lab.bcrypt.hashing.OffloadedHasher;
import lab.bcrypt.hashing.server.HashExecution;
import lab.bcrypt.hashing.server.ServerFuzzProperties;

/** Random bodies and headers against the offloaded server. */
class OffloadedFuzzTest extends ServerFuzzProperties {

    /** bcrypt threads: more than one, so hashes really run in parallel. */
    private static final int POOL_SIZE = 2;

    @Override
    protected HashExecution.Factory execution() {
        return hasher ->
                new OffloadedServer.Offloaded(
                        new OffloadedHasher(
                                hasher,
                                POOL_SIZE,
                                OffloadedHasher.defaultQueueCapacity(POOL_SIZE)));
    }
}
