package jmpi.runtime.coordinator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The roll-call for {@code jmpirun --status}: {@code GET /rollcall} on loopback, on a port of its own,
 * answered only to a request that shows the job token in its {@value #TOKEN_HEADER} header;
 * {@code ?threads} adds every rank's threads.
 */
final class StatusDoor implements AutoCloseable {
    static final String TOKEN_HEADER = "X-Jmpi-Token";

    private final HttpServer http;

    private StatusDoor(HttpServer http) {
        this.http = http;
    }

    /** Opens the door; status gives the text, with threads or without. */
    static StatusDoor open(String token, Function<Boolean, CompletableFuture<String>> status) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] want = token == null ? new byte[0] : token.getBytes(StandardCharsets.UTF_8);
        http.createContext("/rollcall", ex -> {
            String shown = ex.getRequestHeaders().getFirst(TOKEN_HEADER);
            if (shown == null || !MessageDigest.isEqual(want, shown.getBytes(StandardCharsets.UTF_8))) {
                ex.sendResponseHeaders(403, -1);
                ex.close();
                return;
            }
            String query = ex.getRequestURI().getQuery();
            String body;
            try {
                body = status.apply(query != null && query.contains("threads")).get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                body = "no roll-call: " + e;
            }
            StatusPage.send(ex, "text/plain; charset=utf-8", body + "\n");
        });
        StatusPage.startAsDaemon(http, "jmpi-status-door");
        return new StatusDoor(http);
    }

    int port() {
        return http.getAddress().getPort();
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
