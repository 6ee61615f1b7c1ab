package jmpi.runtime.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.ReferenceCountUtil;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import jmpi.Config;
import jmpi.runtime.link.shm.Arena;
import jmpi.runtime.link.shm.Pipe;
import jmpi.runtime.link.shm.ShmBuf;
import jmpi.runtime.wire.Bye;
import jmpi.runtime.wire.Frame;
import jmpi.runtime.wire.FrameCodec;
import jmpi.runtime.wire.Hello;
import jmpi.runtime.wire.PeerAck;
import jmpi.runtime.wire.PeerChunk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Plain TCP peer links driven by the ranks' own threads: frames arrive whole and in order, large ones
 * too, a waiting thread reads its own message, a stranger is turned away without harm, and a peer
 * that goes without a goodbye is reported lost.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class PolledLinksTest {
    private static final String TOKEN = "polled-links-token";

    /** One rank's links and what reached it. */
    private static final class Rank implements LinkTable.Inbound {
        final BlockingQueue<Object[]> frames = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> lost = new CompletableFuture<>();
        volatile CompletableFuture<Frame> next = new CompletableFuture<>();
        final LinkTable links;

        Rank(int rank) {
            Config c = Config.builder().rank(rank).size(2).token(TOKEN).build();
            links = LinkTable.start(c, "127.0.0.1", this);
        }

        @Override
        public void frame(int fromRank, Frame f) {
            if (!next.complete(f)) {
                frames.add(new Object[] {fromRank, f});
            }
        }

        @Override
        public void lost(int rank, Throwable why) {
            lost.complete(rank);
        }

        InetSocketAddress address() {
            String a = links.advertised();
            return new InetSocketAddress("127.0.0.1", Integer.parseInt(a.substring(a.lastIndexOf(':') + 1)));
        }
    }

    private final List<Rank> ranks = new ArrayList<>();

    private Rank[] pair() {
        Rank a = new Rank(0);
        Rank b = new Rank(1);
        ranks.add(a);
        ranks.add(b);
        return pair(a, b, false);
    }

    private static Rank[] pair(Rank a, Rank b, boolean sharedMemory) {
        a.links.directory(r -> CompletableFuture.completedFuture(new PeerLocation(b.address(), sharedMemory)));
        b.links.directory(r -> CompletableFuture.completedFuture(new PeerLocation(a.address(), sharedMemory)));
        return new Rank[] {a, b};
    }

    private interface OnOneHost {
        void run(Rank a, Rank b) throws Exception;
    }

    /** Runs a test on two ranks that share this host: rank 0 with a segment, rank 1 taking frames in. */
    private void onOneHost(OnOneHost test) throws Exception {
        Arena arena = Arena.create(16 << 20);
        try {
            Rank a = new Rank(0);
            Rank b = new Rank(1);
            ranks.add(a);
            ranks.add(b);
            pair(a, b, true);
            a.links.shareMemory(arena);
            b.next.complete(null);
            test.run(a, b);
        } finally {
            ranks.forEach(r -> r.links.close());
            ranks.clear();
            arena.delete();
        }
    }

    @AfterEach
    void close() {
        ranks.forEach(r -> r.links.close());
    }

    private static Frame take(Rank r) throws InterruptedException {
        Object[] got = r.frames.poll(30, TimeUnit.SECONDS);
        assertTrue(got != null, "a frame arrived");
        return (Frame) got[1];
    }

    @Test
    void framesArriveInOrderAndLargeOnesWhole() throws Exception {
        Rank[] p = pair();
        p[1].next.complete(null);
        for (int i = 0; i < 1000; i++) {
            p[0].links.send(1, new PeerAck(i));
        }
        byte[] big = new byte[5 << 20];
        new Random(7).nextBytes(big);
        p[0].links.send(1, PeerChunk.of(42, Unpooled.wrappedBuffer(big))).get(30, TimeUnit.SECONDS);
        for (int i = 0; i < 1000; i++) {
            assertEquals(new PeerAck(i), take(p[1]));
        }
        PeerChunk chunk = assertInstanceOf(PeerChunk.class, take(p[1]));
        byte[] got = new byte[chunk.parts()[0].readableBytes()];
        chunk.parts()[0].readBytes(got);
        ReferenceCountUtil.release(chunk);
        assertEquals(42, chunk.offerId());
        assertArrayEquals(big, got);
    }

    @Test
    void onOneHostLargePartsGoThroughSharedMemory() throws Exception {
        onOneHost((a, b) -> {
            byte[] big = new byte[3 << 20];
            new Random(11).nextBytes(big);
            a.links.send(1, PeerChunk.of(5, Unpooled.wrappedBuffer(big))).get(30, TimeUnit.SECONDS);
            PeerChunk chunk = assertInstanceOf(PeerChunk.class, take(b));
            ByteBuf part = chunk.parts()[0];
            assertTrue(ShmBuf.of(part) != null, "the part lies in the sender's segment: " + part);
            byte[] got = new byte[part.readableBytes()];
            part.readBytes(got);
            ReferenceCountUtil.release(chunk);
            assertArrayEquals(big, got);
        });
    }

    @Test
    void onOneHostFramesGoThroughAPipeInOrderEvenWhenItFills() throws Exception {
        onOneHost((a, b) -> {
            a.links.send(1, new PeerAck(-1));
            assertEquals(new PeerAck(-1), take(b));
            assertTrue(a.links.piped(1), "the link to a peer on this host is a pipe");
            // the reader stops, and 2,000 acks and 65 parts of 20 KiB (kept inline) fill the pipe of 256 KiB
            b.links.pause(0, true);
            byte[] part = new byte[20 << 10];
            List<CompletableFuture<Void>> sent = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                sent.add(a.links.send(1, new PeerAck(i)));
                if (i % 31 == 0) {
                    Arrays.fill(part, (byte) i);
                    sent.add(a.links.send(1, PeerChunk.of(i, Unpooled.copiedBuffer(part))));
                }
            }
            assertFalse(sent.get(sent.size() - 1).isDone(), "the last frame waits for room in the pipe");
            b.links.pause(0, false);
            for (int i = 0; i < 2000; i++) {
                assertEquals(new PeerAck(i), take(b));
                if (i % 31 == 0) {
                    PeerChunk chunk = assertInstanceOf(PeerChunk.class, take(b));
                    ByteBuf got = chunk.parts()[0];
                    assertEquals(part.length, got.readableBytes());
                    assertEquals((byte) i, got.getByte(got.readerIndex() + part.length - 1));
                    ReferenceCountUtil.release(chunk);
                }
            }
            CompletableFuture.allOf(sent.toArray(new CompletableFuture<?>[0])).get(30, TimeUnit.SECONDS);
            assertFalse(b.lost.isDone(), "no rank was taken as lost");
        });
    }

    @Test
    void whatAPeerPipedBeforeItEndedArrivesAfterItsHello() throws Exception {
        Rank b = new Rank(1);
        ranks.add(b);
        b.next.complete(null);
        // the peer writes its frames and its goodbye, ends, and only then is its hello read
        Pipe pipe = Pipe.create();
        assertTrue(pipe != null, "this machine has /dev/shm");
        ByteBuf frames = Unpooled.buffer();
        for (int i = 0; i < 3; i++) {
            FrameCodec.encode(new PeerAck(i), frames);
        }
        FrameCodec.encode(new Bye(), frames);
        pipe.write(new ByteBuffer[] {frames.nioBuffer()}, 0, 1);
        frames.release();
        pipe.remove();
        try (Socket s = new Socket()) {
            s.connect(b.address(), 5000);
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            writeFrame(out, new Hello(FrameCodec.VERSION, 0, 2, TOKEN, null, null, null, pipe.name()));
            out.flush();
            for (int i = 0; i < 3; i++) {
                assertEquals(new PeerAck(i), take(b));
            }
        }
        assertFalse(Files.exists(Path.of("/dev/shm", pipe.name())), "the reader removed the pipe's file");
        awaitLinksIn(b, 0);
        assertFalse(b.lost.isDone(), "a peer that said goodbye through its pipe is not lost");
    }

    /** Waits until rank has that many links from peers open: admitted, or seen closed. */
    private static void awaitLinksIn(Rank rank, int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (rank.links.linksIn() != count && System.nanoTime() < deadline) {
            Thread.yield();
        }
        assertEquals(count, rank.links.linksIn(), "links from peers");
    }

    @Test
    void aHelloNamingAPipeThatIsNotThereIsTurnedAway() throws Exception {
        Rank[] p = pair();
        p[1].next.complete(null);
        assertClosed(p[1].address(), out -> writeFrame(out,
                new Hello(FrameCodec.VERSION, 0, 2, TOKEN, null, null, null, "jmpi-1-00000000000000ff")));
        p[0].links.send(1, new PeerAck(9)).get(30, TimeUnit.SECONDS);
        assertEquals(new PeerAck(9), take(p[1]));
        assertFalse(p[1].lost.isDone(), "no rank was taken as lost");
    }

    @Test
    void aWaitingThreadReadsItsOwnMessage() throws Exception {
        Rank[] p = pair();
        for (int round = 0; round < 100; round++) {
            CompletableFuture<Frame> want = new CompletableFuture<>();
            p[1].next = want;
            p[0].links.send(1, new PeerAck(round));
            p[1].links.driver().await(want);
            assertEquals(new PeerAck(round), want.get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void aStrangerIsTurnedAwayAndTheLinksGoOn() throws Exception {
        Rank[] p = pair();
        p[1].next.complete(null);
        InetSocketAddress at = p[1].address();
        // a frame far larger than a hello: closed before it is read
        assertClosed(at, out -> out.writeInt(1 << 30));
        // a hello with the wrong token
        assertClosed(at, out -> writeFrame(out, new Hello(FrameCodec.VERSION, 0, 2, "wrong", null, null)));
        // a first frame that is no hello
        assertClosed(at, out -> writeFrame(out, new PeerAck(1)));
        p[0].links.send(1, new PeerAck(7)).get(30, TimeUnit.SECONDS);
        assertEquals(new PeerAck(7), take(p[1]));
        assertFalse(p[1].lost.isDone(), "no rank was taken as lost");
    }

    @Test
    void aPeerGoneWithoutGoodbyeIsLost() throws Exception {
        Rank[] p = pair();
        p[1].next.complete(null);
        try (Socket s = new Socket()) {
            s.connect(p[1].address(), 5000);
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            writeFrame(out, new Hello(FrameCodec.VERSION, 0, 2, TOKEN, null, null));
            writeFrame(out, new PeerAck(3));
            out.flush();
            assertEquals(new PeerAck(3), take(p[1]));
        }
        assertEquals(0, p[1].lost.get(30, TimeUnit.SECONDS));
    }

    private interface Writing {
        void to(DataOutputStream out) throws IOException;
    }

    private static void assertClosed(InetSocketAddress at, Writing w) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(at, 5000);
            s.setSoTimeout(30_000);
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            w.to(out);
            out.flush();
            InputStream in = s.getInputStream();
            assertEquals(-1, in.read(), "the listener closed the connection");
        }
    }

    private static void writeFrame(DataOutputStream out, Frame f) throws IOException {
        ByteBuf b = Unpooled.buffer();
        FrameCodec.encode(f, b);
        byte[] bytes = new byte[b.readableBytes()];
        b.readBytes(bytes);
        b.release();
        out.write(bytes);
    }
}
