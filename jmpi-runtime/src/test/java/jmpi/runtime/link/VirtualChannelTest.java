package jmpi.runtime.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import jmpi.Config;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A paced carrier (a gRPC stream's stand-in) seen as a channel, on the kind of event loop the
 * coordinator runs (NIO or epoll): writes wait for the stream's readiness, reads follow the pipeline's
 * demand and complete once per burst, closing waits for the other side.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class VirtualChannelTest {
    private final EventLoopGroup group = Netty.newGroup(1, "virtual-channel-test");
    private final FakeStream stream = new FakeStream();
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

    @AfterEach
    void stop() {
        group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** The gRPC call's stand-in; touched on the event loop only, as gRPC's would be. */
    private static final class FakeStream implements MessageCarrier {
        boolean ready = true;
        int requested;
        final List<ByteBuf> sent = new ArrayList<>();
        Runnable seen;
        boolean closed;

        @Override
        public void request(int messages) {
            requested += messages;
        }

        @Override
        public boolean isReady() {
            return ready;
        }

        @Override
        public void send(ByteBuf message) {
            sent.add(message);
        }

        @Override
        public void end(Runnable seen) {
            this.seen = seen;
        }

        @Override
        public void closed() {
            closed = true;
        }

        @Override
        public SocketAddress localAddress() {
            return new InetSocketAddress("127.0.0.1", 1);
        }

        @Override
        public SocketAddress remoteAddress() {
            return new InetSocketAddress("127.0.0.1", 2);
        }
    }

    private VirtualChannel channel(int serialQueue) {
        VirtualChannel ch = new VirtualChannel(null, stream, Config.builder().serialQueue(serialQueue).build());
        ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                events.add(msg);
            }

            @Override
            public void channelReadComplete(ChannelHandlerContext ctx) {
                events.add("read complete");
            }

            @Override
            public void channelWritabilityChanged(ChannelHandlerContext ctx) {
                events.add(ctx.channel().isWritable() ? "writable" : "unwritable");
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                events.add(cause);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                events.add("inactive");
            }
        });
        group.next().register(ch).syncUninterruptibly();
        return ch;
    }

    private <T> T onLoop(VirtualChannel ch, Callable<T> task) throws Exception {
        return ch.eventLoop().submit(task).get(10, TimeUnit.SECONDS);
    }

    @Test
    void writesWaitWhileTheStreamIsNotReadyPastTheQueueTheChannelTurnsUnwritable() throws Exception {
        VirtualChannel ch = channel(1000);
        onLoop(ch, () -> stream.ready = false);
        List<ChannelFuture> writes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            writes.add(ch.writeAndFlush(Unpooled.buffer().writeZero(600).setByte(0, i)));
        }
        assertEquals("unwritable", events.poll(10, TimeUnit.SECONDS));
        assertEquals(0, (int) onLoop(ch, stream.sent::size));
        assertFalse(writes.get(0).isDone());
        onLoop(ch, () -> stream.ready = true);
        ch.ready();
        assertEquals("writable", events.poll(10, TimeUnit.SECONDS));
        for (ChannelFuture w : writes) {
            assertTrue(w.await(10, TimeUnit.SECONDS) && w.isSuccess());
        }
        List<ByteBuf> sent = onLoop(ch, () -> List.copyOf(stream.sent));
        assertEquals(3, sent.size());
        for (int i = 0; i < 3; i++) {
            // in order, each with gRPC's one reference, which it drops once sent
            assertEquals(i, sent.get(i).getByte(0));
            assertEquals(1, sent.get(i).refCnt());
            sent.get(i).release();
        }
        ch.close();
        onLoop(ch, () -> {
            stream.seen.run();
            return null;
        });
        ch.closeFuture().syncUninterruptibly();
    }

    /** Delivers 16 messages as gRPC delivers what one socket read brought: in one go, on the event loop. */
    private void burst(VirtualChannel ch) throws Exception {
        List<ByteBuf> burst = new ArrayList<>();
        onLoop(ch, () -> {
            for (int i = 0; i < 16; i++) {
                ByteBuf m = Unpooled.buffer().writeInt(i);
                burst.add(m);
                ch.arrived(m);
            }
            return null;
        });
        for (int i = 0; i < 16; i++) {
            assertSame(burst.get(i), events.poll(10, TimeUnit.SECONDS));
            burst.get(i).release();
        }
        assertEquals("read complete", events.poll(10, TimeUnit.SECONDS));
    }

    @Test
    void readsAsThePipelineAsksAndCompletesTheReadOncePerBurst() throws Exception {
        VirtualChannel ch = channel(1 << 20);
        // auto-read asked for messages when the channel became active
        assertEquals(16, (int) onLoop(ch, () -> stream.requested));
        burst(ch);
        // all that was asked for came: the completed read asked for more
        assertEquals(32, (int) onLoop(ch, () -> stream.requested));
        ch.config().setAutoRead(false);
        burst(ch);
        assertEquals(32, (int) onLoop(ch, () -> stream.requested));
        ch.read();
        assertEquals(48, (int) onLoop(ch, () -> stream.requested));
        ch.close();
        onLoop(ch, () -> {
            stream.seen.run();
            return null;
        });
        ch.closeFuture().syncUninterruptibly();
    }

    @Test
    void closingEndsTheStreamAndFinishesOnceTheOtherSideHasSeenIt() throws Exception {
        VirtualChannel ch = channel(1 << 20);
        ChannelFuture closed = ch.close();
        assertTrue(onLoop(ch, () -> stream.seen != null));
        assertFalse(closed.isDone());
        assertFalse(onLoop(ch, () -> stream.closed));
        onLoop(ch, () -> {
            stream.seen.run();
            return null;
        });
        closed.syncUninterruptibly();
        assertEquals("inactive", events.poll(10, TimeUnit.SECONDS));
        assertTrue(onLoop(ch, () -> stream.closed));
        // a late message is dropped, and released
        ByteBuf late = Unpooled.buffer().writeInt(1);
        ch.arrived(late);
        onLoop(ch, () -> null);
        assertEquals(0, late.refCnt());
    }

    @Test
    void theOtherSideEndingClosesTheChannelAndAFailureIsReported() throws Exception {
        VirtualChannel ch = channel(1 << 20);
        IllegalStateException broken = new IllegalStateException("stream broke");
        ch.closed(broken);
        assertSame(broken, events.poll(10, TimeUnit.SECONDS));
        assertEquals("inactive", events.poll(10, TimeUnit.SECONDS));
        ch.closeFuture().syncUninterruptibly();
        // the stream was over already: not ended again, but let go of
        assertNull(onLoop(ch, () -> stream.seen));
        assertTrue(onLoop(ch, () -> stream.closed));
        assertInstanceOf(InetSocketAddress.class, ch.remoteAddress());
    }
}
