package jmpi.runtime.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.local.LocalAddress;
import java.io.ByteArrayOutputStream;
import java.net.ConnectException;
import java.net.SocketAddress;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import jmpi.Config;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two channels over a relay that has no back-pressure of its own (a broker's stand-in): the stream
 * crosses whole through a window far smaller than it, a closing channel lets its last bytes out before
 * END and before its carrier ends, and a lost message closes the receiver.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RelayedStreamTest {
    private final EventLoopGroup group = Netty.newGroup(1, "relayed-stream-test");
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

    @AfterEach
    void stop() {
        group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Hands each message to the peer later on the loop, as a broker would, and notes what went through. */
    private static final class Relay implements MessageCarrier {
        VirtualChannel peer;
        final List<Byte> kinds = new CopyOnWriteArrayList<>();
        volatile int sentBeforeEnd = -1;

        @Override
        public Delivery delivery() {
            return Delivery.RELAYED;
        }

        @Override
        public void send(ByteBuf message) {
            kinds.add(message.getByte(message.readerIndex()));
            peer.eventLoop().execute(() -> peer.arrived(message));
        }

        @Override
        public void end(Runnable delivered) {
            sentBeforeEnd = kinds.size();
            delivered.run();
        }

        @Override
        public SocketAddress localAddress() {
            return new LocalAddress("here");
        }

        @Override
        public SocketAddress remoteAddress() {
            return new LocalAddress("there");
        }
    }

    private VirtualChannel channel(Relay relay, boolean listen) {
        VirtualChannel ch = new VirtualChannel(null, relay, Config.builder().serialQueue(64 << 10).build());
        if (listen) {
            ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    ByteBuf b = (ByteBuf) msg;
                    events.add(ByteBufUtil.getBytes(b));
                    b.release();
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
        }
        group.next().register(ch).syncUninterruptibly();
        return ch;
    }

    @Test
    void closingLetsTheLastBytesThroughTheWindowThenEndsAndOnlyThenEndsTheCarrier() throws Exception {
        Relay toB = new Relay();
        Relay toA = new Relay();
        VirtualChannel a = channel(toB, false);
        VirtualChannel b = channel(toA, true);
        toB.peer = b;
        toA.peer = a;
        byte[] data = new byte[3 << 20];
        new Random(3).nextBytes(data);
        a.writeAndFlush(Unpooled.wrappedBuffer(data));
        // at once: most of the bytes still wait for the window
        a.close();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        for (Object e; !"inactive".equals(e = events.poll(10, TimeUnit.SECONDS)); ) {
            got.writeBytes((byte[]) e);
        }
        assertArrayEquals(data, got.toByteArray());
        a.closeFuture().syncUninterruptibly();
        assertEquals(Envelope.END, (byte) toB.kinds.get(toB.kinds.size() - 1));
        assertEquals(toB.kinds.size(), toB.sentBeforeEnd, "END and every byte went before the carrier ended");
        // 3 MiB through a 64 KiB window: it moved on the receiver's acknowledgements
        assertTrue(toA.kinds.contains(Envelope.ACK), String.valueOf(toA.kinds));
    }

    @Test
    void aLostMessageClosesTheReceiverWithTheReason() throws Exception {
        Relay toA = new Relay();
        VirtualChannel b = channel(toA, true);
        toA.peer = b;
        ByteBuf second = Envelope.data(b.alloc(), 1, false, Unpooled.wrappedBuffer(new byte[] {1, 2}));
        b.arrived(second);
        Object e = events.poll(10, TimeUnit.SECONDS);
        assertInstanceOf(ConnectException.class, e);
        assertTrue(((Throwable) e).getMessage().contains("got 1, expected 0"), ((Throwable) e).getMessage());
        assertEquals("inactive", events.poll(10, TimeUnit.SECONDS));
        b.closeFuture().syncUninterruptibly();
        assertEquals(0, second.refCnt());
    }
}
