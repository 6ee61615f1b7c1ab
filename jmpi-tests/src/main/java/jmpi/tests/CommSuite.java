package jmpi.tests;

import static jmpi.tests.Check.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jmpi.Comm;
import jmpi.MPI;
import jmpi.MPIException;

/** Communicators: dup, split, free, and that their traffic stays apart. */
public class CommSuite extends RankSuite {

    @RankTest
    public void testDup() {
        Comm c = comm();
        Comm d = c.Dup();
        try {
            assertEquals(c.rank(), d.rank());
            assertEquals(c.size(), d.size());
            assertEquals(c.size(), (int) d.<Integer>allreduce(1));
        } finally {
            d.Free();
        }
    }

    @RankTest
    public void testTrafficStaysApart() {
        Comm c = comm();
        Comm d = c.Dup();
        try {
            c.send("on the parent", c.rank(), 1);
            // a wildcard receive on the dup does not see the parent's message
            assertTrue(d.iprobe(MPI.ANY_SOURCE, MPI.ANY_TAG).isEmpty());
            d.send("on the dup", d.rank(), 1);
            assertEquals("on the dup", d.recv(MPI.ANY_SOURCE, MPI.ANY_TAG));
            assertEquals("on the parent", c.recv(c.rank(), 1));
        } finally {
            d.Free();
        }
    }

    @RankTest
    public void testSplitEvenOdd() {
        Comm c = comm();
        Comm half = c.Split(c.rank() % 2, c.rank());
        try {
            int expectedSize = c.size() / 2 + (c.rank() % 2 == 0 ? c.size() % 2 : 0);
            assertEquals(expectedSize, half.size());
            assertEquals(c.rank() / 2, half.rank());
            // the sum of the world ranks of my half
            int sum = half.allreduce(c.rank());
            int expected = 0;
            for (int r = c.rank() % 2; r < c.size(); r += 2) {
                expected += r;
            }
            assertEquals(expected, sum);
        } finally {
            half.Free();
        }
    }

    @RankTest
    public void testSplitReversedKeys() {
        Comm c = comm();
        Comm rev = c.Split(0, -c.rank());
        try {
            assertEquals(c.size() - 1 - c.rank(), rev.rank());
            assertEquals(c.size() - 1, (int) rev.<Integer>bcast(c.rank(), 0));
        } finally {
            rev.Free();
        }
    }

    @RankTest
    public void testSplitUndefined() {
        Comm c = comm();
        Comm none = c.Split(MPI.UNDEFINED, 0);
        assertSame(MPI.COMM_NULL, none);
        fails(MPI.ERR_COMM, none::barrier);
        fails(MPI.ERR_COMM, none::rank);
    }

    /** A colour below zero other than MPI.UNDEFINED is refused on every rank, and nothing is split. */
    @RankTest
    public void testSplitWithANegativeColourIsErrArg() {
        Comm c = comm();
        for (int colour : new int[] {-1, -5, MPI.UNDEFINED + 1, Integer.MIN_VALUE}) {
            MPIException e = fails(MPI.ERR_ARG, () -> c.Split(colour, c.rank()));
            assertTrue(e.getMessage().contains("colour " + colour), e.getMessage());
        }
        Comm all = c.Split(0, c.rank());
        try {
            assertEquals(c.size(), all.size());
            assertEquals(c.size(), (int) all.<Integer>allreduce(1));
        } finally {
            all.Free();
        }
    }

    @RankTest
    public void testDisconnectCompletesPendingWork() {
        Comm c = comm();
        Comm d = c.Dup();
        var sum = d.iallreduce(1);
        var sent = d.isend("last", d.rank(), 2);
        var last = d.irecv(d.rank(), 2);
        d.Disconnect();
        assertTrue(sum.test());
        assertTrue(sent.test());
        assertTrue(last.test());
        assertEquals(c.size(), (int) sum.waitFor());
        assertEquals("last", last.waitFor());
        assertEquals(d.rank(), last.status().source());
        assertEquals(2, last.status().tag());
        fails(MPI.ERR_COMM, d::barrier);
    }

    @RankTest
    public void testSubcommunicatorOfSubcommunicator() {
        Comm c = comm();
        Comm half = c.Split(c.rank() % 2, c.rank());
        Comm quarter = half.Split(half.rank() % 2, half.rank());
        try {
            int expected = 0;
            int count = 0;
            for (int r = 0; r < c.size(); r++) {
                if (r % 2 == c.rank() % 2 && (r / 2) % 2 == half.rank() % 2) {
                    expected += r;
                    count++;
                }
            }
            assertEquals(count, quarter.size());
            assertEquals(expected, (int) quarter.<Integer>allreduce(c.rank()));
        } finally {
            quarter.Free();
            half.Free();
        }
    }

    @RankTest
    public void testInterleavedTrafficOnSeveralCommunicators() {
        Comm c = comm();
        Comm a = c.Dup();
        Comm b = c.Split(0, -c.rank());
        try {
            int next = (c.rank() + 1) % c.size();
            int prev = (c.rank() - 1 + c.size()) % c.size();
            for (int i = 0; i < 20; i++) {
                c.send("c" + i, next, 0);
                a.send("a" + i, a.rank(), 0);
                b.send("b" + i, b.rank(), 0);
            }
            var sumA = a.iallreduce(1);
            var sumB = b.iallreduce(2);
            for (int i = 0; i < 20; i++) {
                assertEquals("b" + i, b.recv(MPI.ANY_SOURCE, MPI.ANY_TAG));
                assertEquals("a" + i, a.recv(MPI.ANY_SOURCE, MPI.ANY_TAG));
                assertEquals("c" + i, c.recv(prev, 0));
            }
            assertEquals(c.size(), (int) sumA.waitFor());
            assertEquals(2 * c.size(), (int) sumB.waitFor());
        } finally {
            a.Free();
            b.Free();
        }
    }

    @RankTest
    public void testFreedCommFails() {
        Comm c = comm();
        Comm d = c.Dup();
        d.Free();
        fails(MPI.ERR_COMM, d::barrier);
        fails(MPI.ERR_COMM, () -> d.send(1, 0));
    }
}
