package lab.bcrypt.hashing.server;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestBodiesTest {

    private final RequestBodies bodies = new RequestBodies();

    @Test
    void duplicateApiKeyIsNamed() {
        byte[] body =
                "{\"username\":\"a1b\",\"username\":\"a2b\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> bodies.registration(body))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("line 1, column")
                .hasMessageContaining("the key 'username' appears twice");
    }

    @Test
    void duplicateUnknownKeyIsNotQuoted() {
        byte[] body = "{\"s3cret\":1,\"s3cret\":2}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> bodies.registration(body))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("a key appears twice")
                .hasMessageNotContaining("s3cret");
    }
}
