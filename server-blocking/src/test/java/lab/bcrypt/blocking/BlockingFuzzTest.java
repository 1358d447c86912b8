package lab.bcrypt.blocking;

import lab.bcrypt.hashing.server.HashExecution;
import lab.bcrypt.hashing.server.ServerFuzzProperties;

/** Random bodies and headers against the blocking server. */
class BlockingFuzzTest extends ServerFuzzProperties {

    @Override
    protected HashExecution.Factory execution() {
        return hasher -> new BlockingServer.Inline();
    }
}
