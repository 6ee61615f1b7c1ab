package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The rank-side suites with every rank and the coordinator talking through a Mosquitto broker. */
class MqttSuitesTest extends LauncherSuitesTest {
    private static Mosquitto broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = Mosquitto.start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    static IntStream rankCounts() {
        return IntStream.of(2, 4);
    }

    private int clientsBefore;

    @Override
    Map<String, String> transport() {
        clientsBefore = rankClients();
        return Map.of("JMPI_PROTO", "mqtt", "JMPI_PORT", Integer.toString(broker.port()));
    }

    @Override
    void ranOnTransport(int np) {
        assertTrue(rankClients() - clientsBefore >= np, broker.log());
    }

    /** Rank sessions the broker has seen so far, from its log. */
    private static int rankClients() {
        return (int) broker.log().lines().filter(l -> l.contains("New client connected") && l.contains(" as jmpi-r-"))
                .count();
    }
}
