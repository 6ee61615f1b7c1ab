package jmpi.transport.grpc;

import io.grpc.Metadata;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import jmpi.Config;

/**
 * The job token in a stream's headers: a coordinator checks it before it reads a single message, so a
 * stranger's stream is closed before it can make the coordinator hold a frame (gRPC reads no message
 * that was not requested, and HTTP/2's flow-control window bounds what arrives meanwhile). The hello
 * inside the stream shows the token again, as on every carrier. Binary, so that any token fits.
 */
final class TokenHeader {
    static final Metadata.Key<byte[]> KEY = Metadata.Key.of("jmpi-token-bin", Metadata.BINARY_BYTE_MARSHALLER);

    private TokenHeader() {
    }

    /** The headers a rank opens its stream with. */
    static Metadata of(Config config) {
        Metadata headers = new Metadata();
        if (config.token() != null) {
            headers.put(KEY, config.token().getBytes(StandardCharsets.UTF_8));
        }
        return headers;
    }

    /** Why a stream with these headers is refused, or null if it shows the job's token (or the job has none). */
    static String refusal(Config config, Metadata headers) {
        String token = config.token();
        if (token == null || token.isEmpty()) {
            return null;
        }
        byte[] shown = headers.get(KEY);
        if (shown == null) {
            return "no job token in the stream's headers";
        }
        // in constant time: a stranger learns nothing from how long the refusal took
        return MessageDigest.isEqual(shown, token.getBytes(StandardCharsets.UTF_8)) ? null : "wrong job token";
    }
}
