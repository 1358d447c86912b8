package lab.bcrypt.hashing.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP response as data: status, JSON body and extra headers. Handlers build one whether the
 * work ran inline or on another thread, then {@link #writeTo} sends it.
 */
public record Reply(int status, Map<String, Object> body, Map<String, String> headers) {

    private static final String JSON = "application/json";

    public Reply {
        // Copies keep insertion order, so JSON bodies list their fields as built.
        body = Collections.unmodifiableMap(new LinkedHashMap<>(body));
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** Returns a reply with a JSON body and no extra headers. */
    public static Reply json(int status, Map<String, Object> body) {
        return new Reply(status, body, Map.of());
    }

    /** Returns this reply with {@code name: value} added to its headers. */
    public Reply withHeader(String name, String value) {
        Map<String, String> merged = new LinkedHashMap<>(headers);
        merged.put(name, value);
        return new Reply(status, body, merged);
    }

    /** Writes status, headers and the body serialized by {@code mapper} to {@code ctx}. */
    public void writeTo(Context ctx, ObjectMapper mapper) {
        ctx.status(status);
        headers.forEach(ctx::header);
        ctx.contentType(JSON);
        ctx.result(serialize(mapper));
    }

    private byte[] serialize(ObjectMapper mapper) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            // Bodies are maps of strings and numbers, which always serialize.
            throw new UncheckedIOException(e);
        }
    }
}
