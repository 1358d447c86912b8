package lab.bcrypt.hashing.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BodyReaderTest {

    private static final int LIMIT = 4096;

    /** Body timeout for streams that end at once: far above the time a read takes here. */
    private static final Duration NO_TIMEOUT = Duration.ofMinutes(1);

    /** Body timeout of the trickle test, a few of its reads long. */
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(100);

    /** Pause of the trickling stream before each byte. */
    private static final long TRICKLE_PAUSE_MILLIS = 10;

    @Test
    void bodyAtLimitIsReadWhole() throws IOException {
        byte[] body = new byte[LIMIT];

        assertThat(BodyReader.read(new ByteArrayInputStream(body), LIMIT, NO_TIMEOUT))
                .hasSize(LIMIT);
    }

    @Test
    void endlessStreamStopsOneBytePastLimit() {
        CountingEndlessStream endless = new CountingEndlessStream();

        assertThatThrownBy(() -> BodyReader.read(endless, LIMIT, NO_TIMEOUT))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.reply().status()).isEqualTo(413));
        // The memory a request can claim: the limit plus one byte, never the stream.
        assertThat(endless.bytesRead).isEqualTo(LIMIT + 1);
    }

    @Test
    void tricklingBodyStopsAtTimeout() {
        CountingEndlessStream trickle = new CountingEndlessStream(TRICKLE_PAUSE_MILLIS);

        assertThatThrownBy(() -> BodyReader.read(trickle, LIMIT, SHORT_TIMEOUT))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.reply().status()).isEqualTo(408));
        // Without the timeout the reader would go on to the limit, 41 s at this pace.
        assertThat(trickle.bytesRead).isLessThan(LIMIT);
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

    /**
     * An endless stream of zeros that counts what was taken from it. With a pause, it sends one
     * byte per read after the pause, like a client that trickles its body.
     */
    private static final class CountingEndlessStream extends InputStream {
        private final long pauseMillis;
        long bytesRead;

        CountingEndlessStream() {
            this(0);
        }

        CountingEndlessStream(long pauseMillis) {
            this.pauseMillis = pauseMillis;
        }

        @Override
        public int read() {
            bytesRead++;
            return 0;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (pauseMillis == 0) {
                bytesRead += length;
                return length;
            }
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
            bytesRead++;
            return 1;
        }
    }
}
