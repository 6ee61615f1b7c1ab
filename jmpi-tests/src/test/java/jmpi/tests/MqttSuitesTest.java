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
        clientsBefore = broker.rankSessions();
        return Map.of("JMPI_PROTO", "mqtt", "JMPI_PORT", Integer.toString(broker.port()));
    }

    @Override
    String carrier() {
        return "mqtt";
    }

    @Override
    void ranOnTransport(int np) {
        assertTrue(broker.rankSessions() - clientsBefore >= np, broker.log());
    }
}
