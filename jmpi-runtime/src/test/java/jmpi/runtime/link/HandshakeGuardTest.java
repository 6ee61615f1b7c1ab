package jmpi.runtime.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The door of a listener's connection: small whole frames until the token is shown, nothing large
 * held, a deadline, a cap on connections waiting at once, and everything unchanged once admitted.
 */
class HandshakeGuardTest {
    private final Doorway doorway = new Doorway();
    private final List<EmbeddedChannel> channels = new ArrayList<>();

    @AfterEach
    void release() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
    }

    private EmbeddedChannel connection() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.freezeTime();
        HandshakeGuard.install(ch, doorway);
        // the guard is added to a channel already active, as a child's initializer does before it is
        ch.pipeline().fireChannelActive();
        channels.add(ch);
        return ch;
    }

    private static ByteBuf frame(int length, int bodyBytes) {
        ByteBuf b = Unpooled.buffer(4 + bodyBytes);
        b.writeInt(length);
        b.writeZero(bodyBytes);
        return b;
    }

    @Test
    void smallFramesPassWhole() {
        EmbeddedChannel ch = connection();
        ByteBuf two = Unpooled.buffer();
        two.writeBytes(frame(10, 10)).writeBytes(frame(30, 30)).writeBytes(frame(20, 7));
        ch.writeInbound(two);
        for (int length : new int[] {10, 30}) {
            ByteBuf f = ch.readInbound();
            assertEquals(4 + length, f.readableBytes());
            f.release();
        }
        // the third is not whole yet: nothing more passes
        assertNull(ch.readInbound());
        ch.writeInbound(Unpooled.buffer().writeZero(13));
        ByteBuf second = ch.readInbound();
        assertEquals(24, second.readableBytes());
        second.release();
        assertTrue(ch.isOpen());
    }

    @Test
    void aLargeFrameBeforeTheTokenClosesTheConnection() {
        EmbeddedChannel ch = connection();
        ch.writeInbound(frame(1 << 30, 1000));
        assertFalse(ch.isOpen());
        assertNull(ch.readInbound());
    }

    @Test
    void aLengthOfTwoToTheThirtyFirstOrMoreClosesTheConnection() {
        EmbeddedChannel ch = connection();
        ch.writeInbound(frame(0x80000001, 4));
        assertFalse(ch.isOpen());
    }

    @Test
    void afterAdmissionWhatFollowsGoesOnAsItCame() {
        EmbeddedChannel ch = connection();
        ByteBuf hello = frame(10, 10);
        // the next frame is far larger than the guard allows, and arrives in the same read
        hello.writeBytes(frame(100_000, 100));
        ch.pipeline().addLast(new io.netty.channel.ChannelInboundHandlerAdapter() {
            private boolean first = true;

            @Override
            public void channelRead(io.netty.channel.ChannelHandlerContext ctx, Object msg) {
                if (first) {
                    first = false;
                    HandshakeGuard.admitted(ctx.channel());
                }
                ctx.fireChannelRead(msg);
            }
        });
        ch.writeInbound(hello);
        assertTrue(ch.isOpen());
        assertNull(ch.pipeline().get(HandshakeGuard.NAME));
        ByteBuf first = ch.readInbound();
        assertEquals(14, first.readableBytes());
        first.release();
        ByteBuf rest = ch.readInbound();
        assertEquals(104, rest.readableBytes());
        assertEquals(100_000, rest.getInt(rest.readerIndex()));
        rest.release();
    }

    @Test
    void aConnectionThatShowsNoTokenInTimeIsClosed() {
        EmbeddedChannel ch = connection();
        ch.writeInbound(Unpooled.buffer().writeInt(30).writeZero(3));
        ch.advanceTimeBy(Doorway.DEADLINE_SECONDS - 1, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertTrue(ch.isOpen());
        ch.advanceTimeBy(2, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertFalse(ch.isOpen());
    }

    @Test
    void anAdmittedConnectionHasNoDeadline() {
        EmbeddedChannel ch = connection();
        HandshakeGuard.admitted(ch);
        ch.advanceTimeBy(Doorway.DEADLINE_SECONDS * 10, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertTrue(ch.isOpen());
    }

    @Test
    void onlySoManyMayWaitAtOnceAndLeavingMakesRoom() {
        List<EmbeddedChannel> waiting = new ArrayList<>();
        for (int i = 0; i < Doorway.MAX_PENDING; i++) {
            waiting.add(connection());
        }
        assertTrue(waiting.stream().allMatch(EmbeddedChannel::isOpen));
        EmbeddedChannel oneTooMany = connection();
        assertFalse(oneTooMany.isOpen());
        // one admitted, one closed: two places free
        HandshakeGuard.admitted(waiting.get(0));
        waiting.get(1).close();
        assertTrue(connection().isOpen());
        assertTrue(connection().isOpen());
        assertFalse(connection().isOpen());
    }
}
