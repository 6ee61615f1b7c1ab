package jmpi.runtime.coordinator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import jmpi.MPI;
import jmpi.MPIException;

/** The coordinator's status on a port of its own: {@code /status.json} and a small page that shows it. */
final class StatusPage implements AutoCloseable {
    private static final String PAGE = """
            <!doctype html>
            <html><head><meta charset="utf-8"><title>jmpi coordinator</title>
            <style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:1.5em}
            td,th{border:1px solid #bbb;padding:4px 8px;text-align:left}.bad{color:#b00}</style></head>
            <body><h1>jmpi coordinator</h1><div id="out">loading…</div>
            <script>
            function row(cells){return '<tr>'+cells.map(c=>'<td>'+c+'</td>').join('')+'</tr>';}
            function esc(s){return String(s??'').replace(/[&<>"]/g,c=>({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'})[c]);}
            function comm(id,name){return name?id+' ('+esc(name)+')':id;}
            async function load(){
              const s=await (await fetch('status.json')).json();
              let h='<h2>Ranks ('+s.size+')</h2><table><tr><th>rank</th><th>state</th><th>last call</th><th>ms ago</th></tr>';
              for(const r of s.ranks){h+=row([r.rank,r.failed?'<span class=bad>failed</span>':r.finalized?'finalized'
                :r.connected?'connected':'not connected',esc(r.lastCall),r.lastCallMsAgo]);}
              h+='</table><h2>Waiting collectives</h2><table><tr><th>operation</th><th>communicator</th><th>#</th>'
                +'<th>waiting ms</th><th>arrived</th><th>missing</th></tr>';
              for(const c of s.collectives){h+=row([c.operation,comm(c.communicator,c.communicatorName),c.seq,c.waitingMs,c.arrived.join(', '),
                '<span class=bad>'+c.missing.join(', ')+'</span>']);}
              h+='</table><h2>Waiting receives</h2><table><tr><th>rank</th><th>communicator</th><th>source</th>'
                +'<th>tag</th><th>waiting ms</th></tr>';
              for(const r of s.receives){h+=row([r.rank,comm(r.communicator,r.communicatorName),r.source,r.tag,r.waitingMs]);}
              document.getElementById('out').innerHTML=h+'</table>';
            }
            load();setInterval(load,2000);
            </script></body></html>
            """;

    private final HttpServer http;

    private StatusPage(HttpServer http) {
        this.http = http;
    }

    static StatusPage start(String host, int port, Supplier<CompletableFuture<String>> status) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(host, port), 0);
            http.createContext("/status.json", ex -> {
                String body;
                try {
                    body = status.get().get(5, TimeUnit.SECONDS);
                } catch (Exception e) {
                    body = "{\"error\":\"" + e.getClass().getSimpleName() + "\"}";
                }
                send(ex, "application/json", body);
            });
            http.createContext("/", ex -> send(ex, "text/html; charset=utf-8", PAGE));
            startAsDaemon(http, "jmpi-status-page");
            return new StatusPage(http);
        } catch (IOException e) {
            throw new MPIException(MPI.ERR_OTHER, "cannot serve the status page on " + host + ":" + port + ": " + e, e);
        }
    }

    /**
     * Starts a server whose dispatcher thread is a daemon (it takes the daemon flag of the thread that
     * starts it), so that serving status never keeps a rank's JVM alive once its main has returned.
     */
    static void startAsDaemon(HttpServer http, String name) throws IOException {
        Thread starter = new Thread(http::start, name);
        starter.setDaemon(true);
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            http.stop(0);
            throw new IOException("interrupted while starting " + name, e);
        }
    }

    static void send(HttpExchange ex, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(200, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
