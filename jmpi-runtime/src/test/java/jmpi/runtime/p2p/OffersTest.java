package jmpi.runtime.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import jmpi.ProcessFailedException;
import jmpi.runtime.wire.Frame;
import jmpi.runtime.wire.PeerChunk;
import jmpi.runtime.wire.PeerGo;
import org.junit.jupiter.api.Test;

/** A large send's life at the sender: offered, then streamed in order a few chunks at a time, or dropped, or failed. */
class OffersTest {
    /** A link whose writes complete when the test says so. */
    private static final class FakeLink {
        final ArrayDeque<CompletableFuture<Void>> unwritten = new ArrayDeque<>();
        final List<PeerChunk> chunks = new ArrayList<>();
        int mostUnwritten;

        CompletableFuture<Void> send(int rank, Frame f) {
            chunks.add((PeerChunk) f);
            CompletableFuture<Void> w = new CompletableFuture<>();
            unwritten.add(w);
            mostUnwritten = Math.max(mostUnwritten, unwritten.size());
            return w;
        }

        void writeAll() {
            while (!unwritten.isEmpty()) {
                unwritten.poll().complete(null);
            }
        }
    }

    private static ByteBuf message(int bytes) {
        ByteBuf b = Unpooled.buffer(bytes);
        for (int i = 0; i < bytes; i++) {
            b.writeByte(i * 13);
        }
        return b;
    }

    @Test
    void streamsEveryByteInOrderWithAFewChunksOnTheirWay() {
        FakeLink link = new FakeLink();
        Offers offers = new Offers(link::send);
        int bytes = 5 * Offers.CHUNK + 123;
        ByteBuf payload = message(bytes);
        CompletableFuture<Void> done = new CompletableFuture<>();
        int id = offers.open(0, 3, Outgoing.of(payload.retain()), done, "send to rank 3");
        assertTrue(link.chunks.isEmpty(), "nothing goes before the receive asks");
        offers.answered(3, new PeerGo(id, true));
        while (!link.unwritten.isEmpty()) {
            assertFalse(done.isDone());
            link.unwritten.poll().complete(null);
        }
        assertTrue(done.isDone() && !done.isCompletedExceptionally());
        assertTrue(link.mostUnwritten <= Offers.WINDOW, link.mostUnwritten + " chunks on their way");
        ByteBuf got = Unpooled.buffer(bytes);
        for (PeerChunk c : link.chunks) {
            assertEquals(id, c.offerId());
            got.writeBytes(c.bytes());
            c.release();
        }
        assertEquals(6, link.chunks.size());
        assertEquals(payload, got);
        payload.release();
        assertEquals(0, payload.refCnt(), "the offer let go of its message");
        assertTrue(offers.waits().isEmpty());
    }

    @Test
    void anAnswerFromAnotherRankOrForNoOfferIsIgnored() {
        FakeLink link = new FakeLink();
        Offers offers = new Offers(link::send);
        CompletableFuture<Void> done = new CompletableFuture<>();
        int id = offers.open(0, 1, Outgoing.of(message(100)), done, "send to rank 1");
        offers.answered(2, new PeerGo(id, true));
        offers.answered(1, new PeerGo(id + 1, true));
        assertTrue(link.chunks.isEmpty());
        assertEquals(1, offers.waits().size());
        assertTrue(offers.waits().get(0).matches("send to rank 1 for \\d+ ms"), offers.waits().toString());
        offers.answered(1, new PeerGo(id, false));
        assertTrue(done.isDone() && !done.isCompletedExceptionally(), "a declined message completes its send");
        assertTrue(link.chunks.isEmpty());
    }

    @Test
    void aFailedReceiverFailsWhatWasOfferedToItAndFreesRoom() throws Exception {
        FakeLink link = new FakeLink();
        Offers offers = new Offers(link::send);
        CompletableFuture<Void> toTwo = new CompletableFuture<>();
        CompletableFuture<Void> toFour = new CompletableFuture<>();
        ByteBuf payload = message(3 * Offers.CHUNK);
        int id = offers.open(0, 2, Outgoing.of(payload), toTwo, "send to rank 2");
        offers.open(0, 4, Outgoing.of(message(10)), toFour, "send to rank 4");
        offers.answered(2, new PeerGo(id, true));
        ProcessFailedException dead = new ProcessFailedException(2, "rank 2 failed");
        offers.failTo(2, dead);
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, toTwo::get);
        assertSame(dead, e.getCause());
        assertFalse(toFour.isDone());
        link.writeAll();
        assertEquals(Math.min(3, Offers.WINDOW), link.chunks.size(), "no chunk goes after the failure");
        for (PeerChunk c : link.chunks) {
            c.release();
        }
        assertEquals(0, payload.refCnt(), "the failed offer let go of its message");
        // nothing is left unsent to rank 2, so a sender to it does not wait
        offers.awaitRoom(2, 1);
    }
}
