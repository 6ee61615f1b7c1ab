package jmpi.runtime.launcher;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import jmpi.Config;
import jmpi.runtime.coordinator.CoordinatorServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jmpi-server}: a coordinator on its own, for ranks that set {@code JMPI_ADDR}; serves jobs in turn. */
@Command(name = "jmpi-server", mixinStandardHelpOptions = true, version = "jmpi-server 0.1",
        description = "Runs a jmpi coordinator until stopped.")
public final class Server implements Callable<Integer> {
    @Option(names = "--host", description = "address to listen on (default: JMPI_ADDR or 127.0.0.1)")
    String host;

    @Option(names = "--port", description = "port to listen on (default: JMPI_PORT or 61642)")
    Integer port;

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
        String h = host != null ? host : env.addr() != null ? env.addr() : "127.0.0.1";
        CountDownLatch stop = new CountDownLatch(1);
        try (CoordinatorServer server = CoordinatorServer.start(b.build(), h, 0)) {
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "jmpi-server-stop"));
            System.out.println("jmpi-server listening on " + server.address().getHostString() + ":"
                    + server.address().getPort());
            System.out.flush();
            stop.await();
        }
        return 0;
    }
}
