package jmpi.runtime.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.ReferenceCountUtil;
import java.io.EOFException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jmpi.Config;
import jmpi.runtime.link.shm.Pipe;
import jmpi.runtime.wire.Bye;
import jmpi.runtime.wire.Frame;
import jmpi.runtime.wire.FrameCodec;
import jmpi.runtime.wire.Hello;
import jmpi.runtime.wire.PeerChunk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One peer link read by hand: a peer that ends with its pipe full is read to its goodbye in one turn. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class PolledInTest {
    private static final String TOKEN = "polled-in-token";

    /** What the link hands on. */
    private static final class Taken implements PolledIn.Frames {
        final List<Frame> frames = new ArrayList<>();
        boolean admitted;

        @Override
        public void frame(int rank, Frame f) {
            frames.add(f);
        }

        @Override
        public void refused(PolledIn in, String why) {
            throw new AssertionError("refused: " + why);
        }

        @Override
        public void admitted(PolledIn in) {
            admitted = true;
        }
    }

    @Test
    void theEndOfItsSocketComesAfterAllThePeerLeftInItsPipe() throws Exception {
        Config config = Config.builder().rank(1).size(2).token(TOKEN).build();
        Pipe pipe = Pipe.create();
        assertNotNull(pipe, "this machine has /dev/shm");
        try (ServerSocketChannel server = ServerSocketChannel.open(); Selector selector = Selector.open()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            Taken taken = new Taken();
            int sent = 0;
            PolledIn in;
            try (Socket peer = new Socket()) {
                peer.connect(server.getLocalAddress(), 5000);
                in = PolledIn.accept(server, selector, config, new Doorway());
                assertNotNull(in, "the connection was accepted");
                ByteBuf hello = Unpooled.buffer();
                FrameCodec.encode(new Hello(FrameCodec.VERSION, 0, 2, TOKEN, null, null, null, pipe.name()), hello);
                peer.getOutputStream().write(ByteBufs.bytes(hello));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!taken.admitted && System.nanoTime() < deadline) {
                    in.read(taken, true);
                }
                assertTrue(taken.admitted, "the hello showed the token");
                // the peer nearly fills its pipe with frames and its goodbye, then ends
                // frames just large enough to be handed on as slices, which keep their read buffer
                ByteBuf frames = Unpooled.buffer();
                byte[] part = new byte[17 << 10];
                while (frames.readableBytes() + 2 * (part.length + 64) < Pipe.CAPACITY) {
                    Arrays.fill(part, (byte) sent);
                    FrameCodec.encode(PeerChunk.of(sent++, Unpooled.wrappedBuffer(part)), frames);
                }
                FrameCodec.encode(new Bye(), frames);
                int bytes = frames.readableBytes();
                assertEquals(bytes, pipe.write(new ByteBuffer[] {frames.nioBuffer()}, 0, 1), "it all fits in the pipe");
                frames.release();
            }
            // the socket's end has come (nothing else comes on it): one turn reads all the peer left
            selector.selectedKeys().clear();
            assertEquals(1, selector.select(TimeUnit.SECONDS.toMillis(30)), "the socket's end shows");
            PolledIn link = in;
            assertThrows(EOFException.class, () -> link.read(taken, true), "the peer's socket ended");
            assertEquals(sent, taken.frames.size(), "every frame the peer left arrived");
            for (int i = 0; i < sent; i++) {
                PeerChunk chunk = assertInstanceOf(PeerChunk.class, taken.frames.get(i));
                assertEquals(i, chunk.offerId());
                ReferenceCountUtil.release(chunk);
            }
            assertTrue(link.saidBye(), "and its goodbye");
            link.close();
        } finally {
            pipe.remove();
        }
    }

    /** The bytes of a buffer, released. */
    private static final class ByteBufs {
        static byte[] bytes(ByteBuf b) {
            byte[] out = new byte[b.readableBytes()];
            b.readBytes(out);
            b.release();
            return out;
        }
    }
}
