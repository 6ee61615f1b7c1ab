package jmpi.tests.inter;

import static jmpi.tests.Check.fails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import jmpi.Comm;
import jmpi.Group;
import jmpi.Intercomm;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Request;
import jmpi.Win;
import jmpi.exec.TaskPool;
import jmpi.tests.RankSuite;
import jmpi.tests.RankTest;

/**
 * Intercommunicators, as mpi4py's intercommunicator tests: the two halves of the communicator under
 * test, their local and remote groups, Merge, Dup, Compare; what only an intracommunicator does is
 * refused. A communicator of one rank has no two groups: its tests check the refusals alone.
 */
public class IntercommSuite extends RankSuite {

    @RankTest
    public void testLocalGroupSizeRank() {
        if (comm().size() < 2) {
            return;
        }
        try (Halves h = new Halves(comm())) {
            Group local = h.inter.group();
            assertEquals(local.size(), h.inter.size());
            assertEquals(local.rank(), h.inter.rank());
            assertEquals(h.local.size(), h.inter.Get_size());
            assertEquals(h.local.rank(), h.inter.Get_rank());
            assertArrayEquals(h.worldRanks(h.color), local.worldRanks());
            assertTrue(h.inter.Is_inter());
            assertFalse(h.inter.Is_intra());
            assertTrue(h.local.Is_intra());
        }
    }

    @RankTest
    public void testRemoteGroupSize() {
        if (comm().size() < 2) {
            return;
        }
        try (Halves h = new Halves(comm(), 5)) {
            Group remote = h.inter.remoteGroup();
            assertEquals(remote.size(), h.inter.remoteSize());
            assertEquals(remote.size(), h.inter.Get_remote_size());
            assertEquals(h.baseRanks(1 - h.color).length, remote.size());
            assertArrayEquals(h.worldRanks(1 - h.color), h.inter.Get_remote_group().worldRanks());
            assertEquals(MPI.UNDEFINED, remote.rank());
        }
    }

    @RankTest
    public void testMerge() {
        if (comm().size() < 2) {
            return;
        }
        try (Halves h = new Halves(comm())) {
            int lowerSize = h.baseRanks(0).length;
            expectMerged(h.inter.Merge(h.color == 1), comm().rank());
            // high = true first for the lower half: the upper half comes first
            int swapped = h.color == 1 ? h.inter.rank() : comm().size() - lowerSize + h.inter.rank();
            expectMerged(h.inter.Merge(h.color == 0), swapped);
            // the same flag on both sides: the group of the lowest world rank first
            int lowest = IntStream.of(comm().group().worldRanks()).min().getAsInt();
            boolean mineFirst = IntStream.of(h.worldRanks(h.color)).anyMatch(w -> w == lowest);
            int tie = (mineFirst ? 0 : h.inter.remoteSize()) + h.inter.rank();
            expectMerged(h.inter.Merge(), tie);
            expectMerged(h.inter.Merge(true), tie);
        }
    }

    private void expectMerged(Comm merged, int rank) {
        try {
            assertTrue(merged.Is_intra());
            assertEquals(comm().size(), merged.size());
            assertEquals(rank, merged.rank());
            assertEquals(IntStream.range(0, comm().size()).sum(), (int) merged.<Integer>allreduce(merged.rank()));
        } finally {
            merged.Free();
        }
    }

    /** A group whose ranks pass different flags fails on every rank of both groups, and nothing hangs. */
    @RankTest
    public void testMergeWithDisagreeingFlagsIsRefused() {
        if (comm().size() < 3) {
            return;
        }
        try (Halves h = new Halves(comm())) {
            fails(MPI.ERR_ARG, () -> h.inter.Merge(h.inter.rank() == 1));
            h.inter.barrier();
        }
    }

    @RankTest
    public void testDupAndCompare() {
        if (comm().size() < 2) {
            return;
        }
        try (Halves h = new Halves(comm())) {
            assertEquals(MPI.IDENT, Comm.Compare(h.inter, h.inter));
            assertEquals(MPI.UNEQUAL, Comm.Compare(h.inter, h.local));
            assertEquals(MPI.UNEQUAL, Comm.Compare(comm(), h.inter));
            Intercomm dup = h.inter.Dup();
            Intercomm dupdup = dup.Dup();
            dup.Free();
            try {
                assertEquals(MPI.CONGRUENT, Comm.Compare(h.inter, dupdup));
                assertEquals(h.inter.remoteSize(), dupdup.remoteSize());
                assertEquals(h.inter.rank(), dupdup.rank());
                List<Integer> got = dupdup.allgather(comm().rank());
                assertEquals(IntStream.of(h.baseRanks(1 - h.color)).boxed().toList(), got);
            } finally {
                dupdup.Free();
            }
            Request<Comm> r = h.inter.Idup();
            Comm idup = r.waitFor();
            try {
                assertTrue(idup.Is_inter());
                assertEquals(MPI.CONGRUENT, Comm.Compare(idup, h.inter));
            } finally {
                idup.Free();
            }
        }
    }

    /** What an intercommunicator does not do fails at once, on each rank alike, with the way out named. */
    @RankTest
    public void testIntracommunicatorOperationsAreRefused() {
        if (comm().size() < 2) {
            return;
        }
        try (Halves h = new Halves(comm())) {
            Intercomm i = h.inter;
            String message = fails(MPI.ERR_COMM, () -> i.gather(1, 0)).getMessage();
            assertTrue(message.contains("Merge it into an intracommunicator"), message);
            fails(MPI.ERR_COMM, () -> i.Split(0, 0));
            fails(MPI.ERR_COMM, () -> i.Create(i.group()));
            fails(MPI.ERR_COMM, () -> i.Reduce(new int[1], new int[1], MPI.SUM, 0));
            fails(MPI.ERR_COMM, () -> i.scan(1));
            fails(MPI.ERR_COMM, () -> i.Create_intercomm(0, comm(), 0, 0));
            fails(MPI.ERR_COMM, () -> Win.allocate(8, 1, i));
            fails(MPI.ERR_COMM, () -> TaskPool.open(i, 0));
            fails(MPI.ERR_ROOT, () -> i.bcast(1, i.remoteSize()));
            fails(MPI.ERR_RANK, () -> i.send(1, i.remoteSize(), 0));
            fails(MPI.ERR_RANK, () -> i.recv(i.remoteSize(), 0));
            i.barrier();
        }
    }

    @RankTest
    public void testBadLeadersAreRefused() {
        Comm c = comm();
        Comm alone = c.Split(c.rank(), 0);
        try {
            fails(MPI.ERR_RANK, () -> alone.Create_intercomm(1, c, 0, 0));
            fails(MPI.ERR_RANK, () -> alone.Create_intercomm(-1, c, 0, 0));
            fails(MPI.ERR_TAG, () -> alone.Create_intercomm(0, c, 0, -1));
            // at the leader: a peer out of range, the leader itself, no peer communicator
            fails(MPI.ERR_RANK, () -> alone.Create_intercomm(0, c, c.size(), 0));
            String message = fails(MPI.ERR_RANK, () -> alone.Create_intercomm(0, c, c.rank(), 0)).getMessage();
            assertTrue(message.contains("the local leader itself"), message);
            fails(MPI.ERR_COMM, () -> alone.Create_intercomm(0, null, 0, 0));
        } finally {
            alone.Free();
        }
        if (c.size() >= 2) {
            // the leader's failure reaches every rank of its group: nobody waits for it
            try (Halves h = new Halves(c)) {
                fails(MPI.ERR_RANK, () -> h.local.Create_intercomm(0, c, c.size(), 0));
            }
        }
    }

    /**
     * Groups that share a process are refused on both sides: ranks 0 and 1 lead a group of both, and
     * rank 0, from a second thread, a group of itself alone.
     */
    @RankTest
    public void testOverlappingGroupsAreRefused() throws Exception {
        Comm c = comm();
        Comm pair = c.Split(c.rank() < 2 ? 0 : MPI.UNDEFINED, c.rank());
        Comm alone = c.Split(c.rank(), 0);
        try {
            if (c.size() >= 2 && c.rank() == 0) {
                FutureTask<MPIException> single = new FutureTask<>(
                        () -> fails(MPI.ERR_GROUP, () -> alone.Create_intercomm(0, c, 1, 9)));
                new Thread(single, "second group").start();
                String message = fails(MPI.ERR_GROUP, () -> pair.Create_intercomm(1, c, 0, 9)).getMessage();
                assertTrue(message.contains("disjoint"), message);
                assertTrue(single.get(1, TimeUnit.MINUTES).getMessage().contains("is in both groups"));
            } else if (c.size() >= 2 && c.rank() == 1) {
                fails(MPI.ERR_GROUP, () -> pair.Create_intercomm(1, c, 0, 9));
            }
        } finally {
            if (pair != MPI.COMM_NULL) {
                pair.Free();
            }
            alone.Free();
        }
        c.barrier();
    }
}
