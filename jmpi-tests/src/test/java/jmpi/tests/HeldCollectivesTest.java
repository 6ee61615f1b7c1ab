package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jmpi.Comm;
import jmpi.Config;
import jmpi.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A rank stops reading a peer's link while more than JMPI_SERIAL_QUEUE bytes of that peer's messages
 * wait for their receives, and reads it again once half is taken: by a collective's step as well as
 * by a receive. Many alltoalls at once, each far above the limit, all complete with the right bytes.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class HeldCollectivesTest {
    private static final int RANKS = 3;
    private static final int BLOCK = 512 << 10;
    private static final int IN_FLIGHT = 8;

    @Test
    void collectivesAboveTheHeldLimitResumeTheirLinks() throws Throwable {
        byte[] t = new byte[16];
        new SecureRandom().nextBytes(t);
        Config base = Config.builder().port(0).token(HexFormat.of().formatHex(t)).serial(SuiteRunner.SERIAL)
                .waitTime(Duration.ofSeconds(10)).data(Config.DATA_DIRECT).serialQueue(256 << 10).build();
        try (InJvmJob job = InJvmJob.configured(RANKS, base)) {
            job.run((rank, s) -> {
                Comm c = s.world();
                List<Request<Void>> started = new ArrayList<>();
                List<byte[]> received = new ArrayList<>();
                for (int k = 0; k < IN_FLIGHT; k++) {
                    byte[] out = new byte[RANKS * BLOCK];
                    for (int to = 0; to < RANKS; to++) {
                        java.util.Arrays.fill(out, to * BLOCK, (to + 1) * BLOCK, mark(rank, to, k));
                    }
                    byte[] in = new byte[RANKS * BLOCK];
                    received.add(in);
                    started.add(c.Ialltoall(out, in));
                }
                Request.waitAll(started);
                for (int k = 0; k < IN_FLIGHT; k++) {
                    byte[] want = new byte[RANKS * BLOCK];
                    for (int from = 0; from < RANKS; from++) {
                        java.util.Arrays.fill(want, from * BLOCK, (from + 1) * BLOCK, mark(from, rank, k));
                    }
                    assertArrayEquals(want, received.get(k), "alltoall " + k + " at rank " + rank);
                }
            });
        }
    }

    private static byte mark(int from, int to, int k) {
        return (byte) (from * 31 + to * 7 + k);
    }
}
