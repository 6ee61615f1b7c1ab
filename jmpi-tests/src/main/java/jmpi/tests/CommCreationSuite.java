package jmpi.tests;

import static jmpi.tests.Check.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import jmpi.Comm;
import jmpi.Group;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Request;

/**
 * Communicators made from groups, as mpi4py's communicator tests: Create, Create_group, Split_type,
 * Idup, Compare and names; and the errors of a group that is not the communicator's.
 */
public class CommCreationSuite extends RankSuite {

    @RankTest
    public void testCompare() {
        Comm c = comm();
        assertEquals(MPI.IDENT, Comm.Compare(c, c));
        Comm dup = c.Dup();
        Comm reversed = c.Split(0, -c.rank());
        Comm alone = c.Split(c.rank(), 0);
        try {
            assertEquals(MPI.CONGRUENT, Comm.Compare(c, dup));
            assertEquals(c.size() > 1 ? MPI.SIMILAR : MPI.CONGRUENT, Comm.Compare(c, reversed));
            assertEquals(c.size() > 1 ? MPI.UNEQUAL : MPI.CONGRUENT, Comm.Compare(c, alone));
        } finally {
            dup.Free();
            reversed.Free();
            alone.Free();
        }
    }

    @RankTest
    public void testIdup() {
        Request<Comm> r = comm().Idup();
        Comm dup = r.waitFor();
        try {
            assertEquals(MPI.CONGRUENT, Comm.Compare(comm(), dup));
            assertEquals(comm().size(), (int) dup.<Integer>allreduce(1));
        } finally {
            dup.Free();
        }
    }

    @RankTest
    public void testGetSetName() {
        Comm c = comm();
        String name = c.Get_name();
        c.Set_name("mycomm");
        assertEquals("mycomm", c.Get_name());
        c.Set_name(name);
        assertEquals(name, c.Get_name());
        Comm dup = c.Dup();
        try {
            assertEquals("", dup.Get_name());
        } finally {
            dup.Free();
        }
        fails(MPI.ERR_ARG, () -> c.Set_name(null));
    }

    @RankTest
    public void testCreate() {
        Comm c = comm();
        Comm all = c.Create(c.group());
        try {
            assertEquals(MPI.CONGRUENT, Comm.Compare(c, all));
        } finally {
            all.Free();
        }
        // the even ranks, in reverse order; the others get no communicator
        Group g = c.group();
        int[] evens = IntStream.iterate((c.size() - 1) / 2 * 2, r -> r >= 0, r -> r - 2).toArray();
        Comm even = c.Create(g.Incl(evens));
        if (c.rank() % 2 == 0) {
            try {
                assertEquals(evens.length, even.size());
                assertEquals((evens.length - 1) - c.rank() / 2, even.rank());
                assertEquals(evens[0], (int) even.<Integer>bcast(c.rank(), 0));
            } finally {
                even.Free();
            }
        } else {
            assertSame(MPI.COMM_NULL, even);
        }
    }

    @RankTest
    public void testCreateGroup() {
        Comm c = comm();
        Comm all = c.Create_group(c.group());
        try {
            assertEquals(MPI.CONGRUENT, Comm.Compare(c, all));
        } finally {
            all.Free();
        }
        // evens and odds create theirs at once, with the same tag, and only they call
        Group g = c.group();
        int[] mine = IntStream.range(0, c.size()).filter(r -> r % 2 == c.rank() % 2).toArray();
        Comm half = c.Create_group(g.Incl(mine), 7);
        try {
            assertEquals(mine.length, half.size());
            assertEquals(c.rank() / 2, half.rank());
            int sum = half.allreduce(c.rank());
            assertEquals(IntStream.of(mine).sum(), sum);
        } finally {
            half.Free();
        }
    }

    /** A rank outside the group is refused at once; the members go on and create theirs. */
    @RankTest
    public void testCreateGroupFromANonMemberIsRefused() {
        Comm c = comm();
        Group first = c.group().Incl(new int[] {0});
        if (c.rank() == 0) {
            Comm alone = c.Create_group(first, 3);
            try {
                assertEquals(1, alone.size());
            } finally {
                alone.Free();
            }
        } else {
            MPIException e = fails(MPI.ERR_RANK, () -> c.Create_group(first, 3));
            assertTrue(e.getMessage().contains("only the group's members call Create_group"), e.getMessage());
        }
        fails(MPI.ERR_TAG, () -> c.Create_group(c.group(), -1));
        c.barrier();
    }

    /** A group with a process from outside the communicator is refused on every rank, before anything is sent. */
    @RankTest
    public void testGroupOfStrangersIsRefused() {
        Comm c = comm();
        int stranger = IntStream.of(c.group().worldRanks()).max().getAsInt() + 1000;
        Group g = Group.Union(c.group(), Group.of(c.group().worldRanks()[c.rank()], stranger));
        MPIException e = fails(MPI.ERR_GROUP, () -> c.Create(g));
        assertTrue(e.getMessage().contains("world rank " + stranger), e.getMessage());
        fails(MPI.ERR_GROUP, () -> c.Create_group(g, 0));
        fails(MPI.ERR_GROUP, () -> c.Create(null));
        assertEquals(c.size(), (int) c.<Integer>allreduce(1));
    }

    @RankTest
    public void testSplitTypeShared() {
        Comm c = comm();
        assertSame(MPI.COMM_NULL, c.Split_type(MPI.UNDEFINED));
        // every rank of these jobs runs on this one host
        Comm shared = c.Split_type(MPI.COMM_TYPE_SHARED);
        try {
            assertNotSame(MPI.COMM_NULL, shared);
            assertEquals(MPI.CONGRUENT, Comm.Compare(c, shared));
        } finally {
            shared.Free();
        }
        for (int root = 0; root < c.size(); root++) {
            Comm one = c.Split_type(c.rank() == root ? MPI.COMM_TYPE_SHARED : MPI.UNDEFINED, 0);
            if (c.rank() == root) {
                assertEquals(1, one.size());
                assertEquals(0, one.rank());
                one.Free();
            } else {
                assertSame(MPI.COMM_NULL, one);
            }
        }
        fails(MPI.ERR_ARG, () -> c.Split_type(99, 0));
    }
}
