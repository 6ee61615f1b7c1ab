package jmpi.runtime.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import jmpi.MPI;
import jmpi.runtime.serial.ObjectSerializer;
import jmpi.runtime.wire.BufferCodec;
import jmpi.runtime.wire.Call;
import jmpi.runtime.wire.ErrorInfo;
import jmpi.runtime.wire.Hello;
import jmpi.runtime.wire.Kind;
import jmpi.runtime.wire.Refused;
import jmpi.runtime.wire.Reply;
import jmpi.runtime.wire.Welcome;
import org.junit.jupiter.api.Test;

/** The coordinator's handler over in-memory channels: admission, matching, reductions on raw buffers. */
class EngineChannelTest {
    private final Engine engine = new Engine(new ObjectSerializer(List.of(), getClass().getClassLoader()), "tok", 2);

    private EmbeddedChannel rank(int r, String token) {
        EmbeddedChannel ch = new EmbeddedChannel(new CoordinatorHandler(engine));
        ch.writeInbound(new Hello(1, r, 2, token));
        return ch;
    }

    @Test
    void admitsRanksWithTheTokenAndRefusesOthers() {
        EmbeddedChannel r0 = rank(0, "tok");
        assertInstanceOf(Welcome.class, r0.readOutbound());
        EmbeddedChannel intruder = rank(1, "nope");
        assertInstanceOf(Refused.class, intruder.readOutbound());
        EmbeddedChannel again = rank(0, "tok");
        assertInstanceOf(Refused.class, again.readOutbound());
        assertFalse(intruder.finishAndReleaseAll());
        assertFalse(again.finishAndReleaseAll());
        r0.finishAndReleaseAll();
    }

    @Test
    void reducesRawBuffersAndMatchesMessages() {
        EmbeddedChannel r0 = rank(0, "tok");
        EmbeddedChannel r1 = rank(1, "tok");
        r0.readOutbound();
        r1.readOutbound();
        int flags = Call.bufferFlags(BufferCodec.INT);
        byte[] one = new BufferCodec.View(new int[] {1, 2}, BufferCodec.INT, 2).read(0, 2);
        byte[] two = new BufferCodec.View(new int[] {10, 20}, BufferCodec.INT, 2).read(0, 2);
        r0.writeInbound(new Call(1, Kind.ALLREDUCE, 0, 1, 0, MPI.SUM.ordinal(), 0, 0, flags, Call.NO_RANKS,
                Call.NO_RANKS, new byte[][] {one}));
        assertNull(r0.readOutbound());
        r1.writeInbound(new Call(1, Kind.ALLREDUCE, 0, 1, 0, MPI.SUM.ordinal(), 0, 0, flags, Call.NO_RANKS,
                Call.NO_RANKS, new byte[][] {two}));
        for (EmbeddedChannel ch : List.of(r0, r1)) {
            Reply r = ch.readOutbound();
            int[] sum = (int[]) BufferCodec.toArray(BufferCodec.INT, r.parts()[0]);
            assertEquals(11, sum[0]);
            assertEquals(22, sum[1]);
        }
        // a receive posted before its message, then a message with no receive yet
        r1.writeInbound(new Call(2, Kind.RECV, 0, 0, 0, 0, 5, MPI.ANY_SOURCE, 0, Call.NO_RANKS, Call.NO_RANKS,
                Call.NO_PARTS));
        r0.writeInbound(new Call(2, Kind.SEND, 0, 0, 0, 0, 5, 1, Call.NO_REPLY, Call.NO_RANKS, Call.NO_RANKS,
                new byte[][] {{4, 2}}));
        Reply got = r1.readOutbound();
        assertEquals(0, got.source());
        assertEquals(5, got.tag());
        assertEquals(2, got.parts()[0].length);
        assertFalse(r0.finishAndReleaseAll());
        assertFalse(r1.finishAndReleaseAll());
    }

    @Test
    void aClosedRankFailsWhatWaitsForIt() {
        EmbeddedChannel r0 = rank(0, "tok");
        EmbeddedChannel r1 = rank(1, "tok");
        r0.readOutbound();
        r1.readOutbound();
        r0.writeInbound(new Call(1, Kind.BARRIER, 0, 1, 0, 0, 0, 0, 0, Call.NO_RANKS, Call.NO_RANKS, Call.NO_PARTS));
        r1.close();
        Reply r = r0.readOutbound();
        assertEquals(Reply.ERROR, r.status());
        assertEquals(ErrorInfo.FAILED, r.error().kind());
        assertEquals(1, r.error().failedRank());
        r0.finishAndReleaseAll();
    }
}
