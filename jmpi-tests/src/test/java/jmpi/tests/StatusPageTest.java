package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import jmpi.Comm;
import jmpi.Config;
import jmpi.Coordinator;
import jmpi.Request;
import jmpi.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The coordinator tells, as JSON and as a page, which ranks an operation still waits for. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class StatusPageTest {

    private static String get(int port, String path) throws Exception {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
        c.setConnectTimeout(10_000);
        c.setReadTimeout(10_000);
        try (var in = c.getInputStream()) {
            assertEquals(200, c.getResponseCode());
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            c.disconnect();
        }
    }

    @Test
    void showsWhoAStuckCollectiveWaitsFor() throws Exception {
        // below the range the system hands out to sockets that bind port 0, so none of those takes it meanwhile
        int statusPort = Jobs.freePort();
        // messages through the coordinator: on links between ranks it sees no receive (Session.waits() does)
        Config base = Config.builder().port(0).token("t").statusPort(statusPort).hangWarning(Duration.ofMillis(200))
                .data(Config.DATA_COORDINATOR).build();
        try (Coordinator c = Coordinator.start(base)) {
            Config rank = base.toBuilder().statusPort(0).addr("127.0.0.1").port(c.address().getPort()).size(2).build();
            Session r0 = Session.connect(rank.toBuilder().rank(0).build());
            Session r1 = Session.connect(rank.toBuilder().rank(1).build());
            Request<Void> barrier = r0.world().ibarrier();
            r1.world().send("hello", 1, 9);
            // r0's next round trip comes back after the coordinator handled its barrier call
            assertTrue(r0.world().iprobe(0, 99).isEmpty());
            assertEquals("hello", r1.world().recv(1, 9));
            String json = get(statusPort, "/status.json");
            assertTrue(json.contains("\"operation\":\"barrier\""), json);
            assertTrue(json.contains("\"arrived\":[0],\"missing\":[1]"), json);
            assertTrue(json.contains("\"lastCall\":\"recv(source 1, tag 9) on communicator 0 (MPI_COMM_WORLD)\""), json);
            assertTrue(json.contains("\"communicatorName\":\"MPI_COMM_WORLD\""), json);
            assertTrue(get(statusPort, "/").contains("jmpi coordinator"));
            r1.world().barrier();
            barrier.waitFor();
            assertTrue(get(statusPort, "/status.json").contains("\"collectives\":[]"));
            // a communicator a rank named is shown by its name
            Request<Comm> dup = r0.world().Idup();
            Comm d1 = r1.world().Dup();
            Comm d0 = dup.waitFor();
            d0.Set_name("halo <b>");
            Request<Void> named = d0.ibarrier();
            assertTrue(r0.world().iprobe(0, 99).isEmpty());
            String withName = get(statusPort, "/status.json");
            assertTrue(withName.contains("\"communicatorName\":\"halo <b>\""), withName);
            String roll = c.rollCall();
            assertTrue(roll.contains("rank 0: waits in barrier") && roll.contains(" (halo <b>) for "), roll);
            d1.barrier();
            named.waitFor();
            Thread closer = new Thread(r1::close);
            closer.start();
            r0.close();
            closer.join(30_000);
        }
    }
}
