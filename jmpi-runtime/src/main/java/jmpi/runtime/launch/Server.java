package jmpi.runtime.launch;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import jmpi.Config;
import jmpi.runtime.coordinator.CoordinatorServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jmpi-server}: a coordinator on its own, for ranks that set {@code JMPI_ADDR}; serves jobs in turn.
 * With {@code --proto mqtt} it listens nowhere: it is a client of the broker at host:port, and serves the
 * jobs whose token ({@code JMPI_TOKEN}) it has, since the job's topics derive from it.
 */
@Command(name = "jmpi-server", mixinStandardHelpOptions = true, version = "jmpi-server 0.1",
        description = "Runs a jmpi coordinator until stopped.")
public final class Server implements Callable<Integer> {
    @Option(names = "--host", description = "address to listen on, or the broker's with MQTT (default: JMPI_ADDR or"
            + " 127.0.0.1)")
    String host;

    @Option(names = "--port", description = "port to listen on, or the broker's with MQTT (default: JMPI_PORT or 61642)")
    Integer port;

    @Option(names = "--proto", description = "transport: tcp or mqtt (default: JMPI_PROTO or tcp)")
    String proto;

    @Option(names = "--status-port", description = "serve the coordinator's status (JSON and HTML) on this port")
    Integer statusPort;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Server()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        Config env = Config.fromEnvironment();
        Config.Builder b = env.toBuilder().rank(0).size(1);
        if (port != null) {
            b.port(port);
        }
        if (statusPort != null) {
            b.statusPort(statusPort);
        }
        if (proto != null) {
            b.proto(proto.trim().toLowerCase(java.util.Locale.ROOT));
        }
        Config config = b.build();
        boolean mqtt = "mqtt".equals(config.proto());
        if (mqtt && config.token() == null) {
            System.err.println("jmpi-server: with MQTT, set JMPI_TOKEN to the job's token: the job's topics on the"
                    + " broker derive from it");
            return 2;
        }
        String h = host != null ? host : env.addr() != null ? env.addr() : "127.0.0.1";
        CountDownLatch stop = new CountDownLatch(1);
        try (CoordinatorServer server = CoordinatorServer.start(config, h, 0)) {
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "jmpi-server-stop"));
            System.out.println("jmpi-server " + (mqtt ? "connected to the MQTT broker at " : "listening on ")
                    + server.address().getHostString() + ":" + server.address().getPort());
            System.out.flush();
            stop.await();
        }
        return 0;
    }
}
