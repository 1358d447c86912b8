package lab.bcrypt.hashing.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class BodyReaderTest {

    private static final int LIMIT = 4096;

    @Test
    void bodyAtLimitIsReadWhole() throws IOException {
        byte[] body = new byte[LIMIT];

        assertThat(BodyReader.read(new ByteArrayInputStream(body), LIMIT)).hasSize(LIMIT);
    }

    @Test
    void endlessStreamStopsOneBytePastLimit() {
        CountingEndlessStream endless = new CountingEndlessStream();

        assertThatThrownBy(() -> BodyReader.read(endless, LIMIT))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.reply().status()).isEqualTo(413));
        // The memory a request can claim: the limit plus one byte, never the stream.
        assertThat(endless.bytesRead).isEqualTo(LIMIT + 1);
    }

    @Test
    void contentTypeAcceptsJsonInUtf8Only() {
        BodyReader.checkContentType("application/json");
        BodyReader.checkContentType("Application/JSON ; Charset=\"utf-8\"");
        BodyReader.checkContentType("application/json; boundary=ignored");

        for (String wrong :
                new String[] {
                    null,
                    "",
                    ";",
                    "text/json",
                    "application/jsonx",
                    "application/json; charset=utf-16"
                }) {
            assertThatThrownBy(() -> BodyReader.checkContentType(wrong))
                    .as("content type %s", wrong)
                    .isInstanceOfSatisfying(
                            ApiException.class,
                            e ->
                                    assertThat(e.reply().body().get("error"))
                                            .isEqualTo("invalid_content_type"));
        }
    }

    /** An endless stream of zeros that counts what was taken from it. */
    private static final class CountingEndlessStream extends InputStream {
        long bytesRead;

        @Override
        public int read() {
            bytesRead++;
            return 0;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            bytesRead += length;
            return length;
        }
    }
}
