package jmpi.runtime.coordinator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import jmpi.MPI;
import jmpi.runtime.serial.ObjectSerializer;
import jmpi.runtime.wire.CreateGroupCall;
import jmpi.runtime.wire.FrameCodec;
import jmpi.runtime.wire.Hello;
import jmpi.runtime.wire.Reply;
import jmpi.runtime.wire.SplitCall;
import jmpi.runtime.wire.Welcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The coordinator's side of Split_type and Create_group, over in-memory channels. */
class CommCreationEngineTest {
    private final Engine engine = new Engine(new ObjectSerializer(List.of(), getClass().getClassLoader()), "tok", 0);
    private final List<EmbeddedChannel> channels = new ArrayList<>();

    @AfterEach
    void close() {
        for (EmbeddedChannel ch : channels) {
            ch.finishAndReleaseAll();
        }
    }

    /** A job whose ranks say they run on these hosts. */
    private List<EmbeddedChannel> job(String... hosts) {
        for (int r = 0; r < hosts.length; r++) {
            EmbeddedChannel ch = new EmbeddedChannel(new CoordinatorHandler(engine));
            channels.add(ch);
            ch.writeInbound(new Hello(FrameCodec.VERSION, r, hosts.length, "tok", null, null, hosts[r]));
            assertInstanceOf(Welcome.class, ch.readOutbound());
        }
        return channels;
    }

    private static int[] comm(EmbeddedChannel ch) {
        Reply r = ch.readOutbound();
        assertEquals(Reply.OK, r.status(), () -> String.valueOf(r.error()));
        return r.comm();
    }

    @Test
    void splitBySameHostGroupsTheRanksEachHostSaid() {
        List<EmbeddedChannel> ranks = job("node-a", "node-b", "node-a", "node-b", "node-c");
        for (int r = 0; r < 5; r++) {
            ranks.get(r).writeInbound(new SplitCall(1, 0, 1, SplitCall.SAME_HOST, -r));
        }
        int[][] got = new int[5][];
        for (int r = 0; r < 5; r++) {
            got[r] = comm(ranks.get(r));
        }
        // ordered by key (here the reverse of the world rank); one communicator per host
        assertArrayEquals(new int[] {got[0][0], 1, 2, 0}, got[0]);
        assertArrayEquals(new int[] {got[0][0], 0, 2, 0}, got[2]);
        assertArrayEquals(new int[] {got[1][0], 1, 3, 1}, got[1]);
        assertArrayEquals(new int[] {got[1][0], 0, 3, 1}, got[3]);
        assertArrayEquals(new int[] {got[4][0], 0, 4}, got[4]);
        assertEquals(3, List.of(got[0][0], got[1][0], got[4][0]).stream().distinct().count());
    }

    @Test
    void createGroupIsMatchedAmongTheGroupsMembersOnly() {
        List<EmbeddedChannel> ranks = job("h", "h", "h");
        ranks.get(2).writeInbound(new CreateGroupCall(4, 0, 1, 9, new int[] {2, 0}));
        assertNull(ranks.get(2).readOutbound(), "answered before every member called");
        // a rank outside the group is refused, and the members' creation goes on
        ranks.get(1).writeInbound(new CreateGroupCall(5, 0, 1, 9, new int[] {2, 0}));
        Reply refused = ranks.get(1).readOutbound();
        assertEquals(MPI.ERR_RANK, refused.error().errorClass());
        assertTrue(refused.error().message().contains("not one of its ranks"), refused.error().message());
        ranks.get(0).writeInbound(new CreateGroupCall(6, 0, 1, 9, new int[] {2, 0}));
        int[] two = comm(ranks.get(2));
        int[] zero = comm(ranks.get(0));
        assertArrayEquals(new int[] {two[0], 0, 2, 0}, two);
        assertArrayEquals(new int[] {two[0], 1, 2, 0}, zero);
        // the new communicator works among its members
        ranks.get(0).writeInbound(new SplitCall(7, two[0], 1, 0, 0));
        ranks.get(2).writeInbound(new SplitCall(8, two[0], 1, 0, 0));
        assertEquals(2, comm(ranks.get(0)).length - 2);
        assertEquals(2, comm(ranks.get(2)).length - 2);
    }
}
