package jmpi.runtime.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import jmpi.MPI;
import jmpi.runtime.wire.Parts;
import org.junit.jupiter.api.Test;

/** Matching at the receiver: MPI's order per sender, wildcards, probes that leave the message, cancel, failures. */
class MatcherTest {
    private static final long WORLD = DataPlane.context(0, false);
    private final List<Integer> taken = new ArrayList<>();
    private final Matcher matcher = new Matcher(new CommLabels(), taken::add);
    private final List<String> seen = new ArrayList<>();

    private Matcher.Posted posted(int source, int tag, boolean probe) {
        return posted(source, tag, probe, null);
    }

    private Matcher.Posted posted(int source, int tag, boolean probe, String what) {
        return new Matcher.Posted(source, tag, probe, w -> source == MPI.ANY_SOURCE || w == source,
                new Matcher.Delivery() {
                    @Override
                    public void matched(Arrived m) {
                        seen.add((probe ? "probe " : "recv ") + m.source() + "/" + m.tag() + "/" + m.payload().getByte(0));
                        if (!probe) {
                            m.release();
                        }
                    }

                    @Override
                    public void failed(Throwable why) {
                        seen.add("failed " + why.getMessage());
                    }
                }, what, new int[] {0, 1, 2, 3}, source == MPI.ANY_SOURCE ? -1 : source);
    }

    private void arrive(long context, int source, int tag, int b) {
        matcher.arrived(context, new Arrived(source, tag, 0, 0,
                new ByteBuf[] {Unpooled.wrappedBuffer(new byte[] {(byte) b})}, source, 0))
                .forEach(Runnable::run);
    }

    private void post(Matcher.Posted p) {
        Runnable now = matcher.post(WORLD, p);
        if (now != null) {
            now.run();
        }
    }

    /** What paused links resume by: told of every sender whose waiting bytes went, by a receive, not a probe. */
    @Test
    void takingAWaitingMessageTellsWhoseBytesWent() {
        arrive(WORLD, 2, 5, 1);
        post(posted(2, 5, true));
        assertEquals(List.of(), taken, "a probe leaves the message waiting");
        post(posted(2, 5, false));
        assertEquals(List.of(2), taken);
        assertEquals(0, matcher.heldFrom(2));
        post(posted(3, 6, false));
        arrive(WORLD, 3, 6, 1);
        assertEquals(List.of(2), taken, "a message that a posted receive takes at once never waited");
    }

    @Test
    void messagesOfOneSenderAreTakenInTheOrderSent() {
        arrive(WORLD, 1, 5, 1);
        arrive(WORLD, 1, 5, 2);
        post(posted(MPI.ANY_SOURCE, MPI.ANY_TAG, false));
        post(posted(1, 5, false));
        assertEquals(List.of("recv 1/5/1", "recv 1/5/2"), seen);
    }

    @Test
    void receivesPostedFirstMatchInTheOrderPostedAndProbesLeaveTheMessage() {
        post(posted(2, MPI.ANY_TAG, true));
        post(posted(MPI.ANY_SOURCE, 7, false));
        post(posted(2, 7, false));
        arrive(WORLD, 2, 7, 9);
        arrive(WORLD, 2, 7, 8);
        assertEquals(List.of("probe 2/7/9", "recv 2/7/9", "recv 2/7/8"), seen);
        assertEquals(0, matcher.heldFrom(2));
    }

    @Test
    void aTagOrSourceThatDiffersWaitsAndCollectivesNeverMeetAReceive() {
        post(posted(1, 3, false));
        arrive(WORLD, 1, 4, 1);
        arrive(DataPlane.context(0, true), 1, 3, 2);
        arrive(WORLD, 0, 3, 3);
        assertEquals(List.of(), seen);
        assertEquals(2, matcher.heldFrom(1));
        Arrived m = matcher.peek(WORLD, MPI.ANY_SOURCE, 3);
        assertEquals(0, m.source());
        assertNull(matcher.peek(WORLD, 2, MPI.ANY_TAG));
        assertEquals(1, matcher.waits().size());
        String wait = matcher.waits().get(0);
        assertTrue(wait.matches("recv\\(source 1, tag 3\\) on communicator 0 \\(MPI_COMM_WORLD\\) for \\d+ ms"), wait);
        matcher.clear();
    }

    @Test
    void aCancelledReceiveTakesNothingAndAFailureFailsWhatWaitsOnTheRank() {
        Matcher.Posted cancelled = posted(1, 1, false);
        post(cancelled);
        assertTrue(matcher.cancel(WORLD, cancelled));
        assertFalse(matcher.cancel(WORLD, cancelled));
        post(posted(2, 1, false));
        post(posted(3, 1, false));
        List<Matcher.Posted> failed = matcher.failed(2);
        assertEquals(1, failed.size());
        assertEquals(1, matcher.failed(-1).size());
        arrive(WORLD, 1, 1, 5);
        assertEquals(List.of(), seen);
        assertEquals(List.of(), matcher.waits());
        matcher.clear();
    }

    @Test
    void overdueWaitsAreTakenUpOnceAndACollectivesStepsAreTakenBackTogether() {
        long collective = DataPlane.context(0, true);
        Matcher.Posted recv = posted(1, 3, false);
        post(recv);
        Matcher.Posted step = posted(1, 7, false, "allreduce #7 on communicator 0, missing rank 1");
        Matcher.Posted sibling = posted(2, 7, false, "allreduce #7 on communicator 0, missing rank 2");
        Matcher.Posted next = posted(2, 8, false, "allreduce #8 on communicator 0, missing rank 2");
        for (Matcher.Posted p : List.of(step, sibling, next)) {
            assertNull(matcher.post(collective, p));
        }
        assertEquals(List.of(), matcher.overdue(recv.since - 1), "none posted before the cutoff");
        List<Matcher.Waiting> late = matcher.overdue(System.nanoTime() + 1);
        assertEquals(4, late.size());
        assertEquals(List.of(), matcher.overdue(System.nanoTime() + 1), "each is taken up once");
        Matcher.Waiting first = late.stream().filter(w -> w.posted() == step).findFirst().orElseThrow();
        assertEquals(List.of(step, sibling), matcher.takeBack(first));
        assertEquals(List.of(), matcher.takeBack(first), "already taken back");
        Matcher.Waiting r = late.stream().filter(w -> w.posted() == recv).findFirst().orElseThrow();
        assertEquals(List.of(recv), matcher.takeBack(r));
        assertEquals(1, matcher.waits().size());
        assertTrue(matcher.waits().get(0).startsWith("allreduce #8 on communicator 0, missing rank 2 for "),
                matcher.waits().toString());
    }

    @Test
    void aWithdrawnMessageIsGoneUnlessAReceiveTookItFirst() {
        ByteBuf payload = Unpooled.wrappedBuffer(new byte[] {9});
        matcher.arrived(WORLD, new Arrived(1, 5, 0, 0, new ByteBuf[] {payload}, 1, 42)).forEach(Runnable::run);
        matcher.arrived(WORLD, new Arrived(1, 6, 0, 0, Parts.NONE, 1, 7, 1000)).forEach(Runnable::run);
        assertEquals(1, matcher.heldFrom(1));
        assertFalse(matcher.withdraw(2, 42, false), "another sender's number");
        assertFalse(matcher.withdraw(1, 42, true), "an offer's numbers are apart from an ssend's");
        assertTrue(matcher.withdraw(1, 42, false));
        assertEquals(0, payload.refCnt(), "its bytes are let go of");
        assertEquals(0, matcher.heldFrom(1));
        assertNull(matcher.peek(WORLD, 1, 5), "a later receive never sees it");
        assertTrue(matcher.withdraw(1, 7, true), "an unmatched offer is taken back");
        assertFalse(matcher.withdraw(1, 7, true), "taken back once");
        assertNull(matcher.peek(WORLD, 1, 6));
        matcher.arrived(WORLD, new Arrived(1, 8, 0, 0, Parts.NONE, 1, 8, 10)).forEach(Runnable::run);
        post(new Matcher.Posted(1, 8, false, w -> true, new Matcher.Delivery() {
            @Override
            public void matched(Arrived m) {
                seen.add("offer " + m.syncId());
            }

            @Override
            public void failed(Throwable why) {
                seen.add("failed");
            }
        }, new int[] {0, 1}, 1));
        assertEquals(List.of("offer 8"), seen);
        assertFalse(matcher.withdraw(1, 8, true), "a receive matched it: it stays delivered");
        matcher.clear();
    }
}
