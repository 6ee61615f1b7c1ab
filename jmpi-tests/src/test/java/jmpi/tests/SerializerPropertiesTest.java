package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jmpi.Comm;
import jmpi.MPI;
import jmpi.tests.ops.AllTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Generated codecs round-trip values of every component type, generated component by component (so a
 * failure shrinks to the component at fault), through the real runtime: to oneself, through the
 * coordinator, which decodes and encodes them again, and from rank to rank in a job of three.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SerializerPropertiesTest {
    private static final int RANKS = 3;

    private static InJvmJob one;
    private static Comm self;
    private static InJvmJob job;

    @BeforeAll
    static void start() throws Throwable {
        one = InJvmJob.start(1);
        Comm[] c = new Comm[1];
        one.run((rank, s) -> c[0] = s.world());
        self = c[0];
        job = InJvmJob.start(RANKS);
    }

    @AfterAll
    static void stop() {
        one.close();
        job.close();
    }

    @Test
    void roundTripToSelf() {
        qt().withExamples(200).forAll(AllTypesGen.allTypes()).checkAssert(v -> {
            self.send(v, 0, 1);
            assertEquals(v, self.recv(0, 1));
        });
    }

    @Test
    void roundTripThroughTheCoordinator() {
        qt().withExamples(100).forAll(AllTypesGen.allTypes(), AllTypesGen.allTypes()).checkAssert((v, w) -> {
            // a reduction makes the coordinator decode and encode the value again
            assertEquals(v, self.allreduce(v, MPI.REPLACE));
            assertEquals(List.of(v, w), self.allreduce(List.of(v, w), MPI.NO_OP));
        });
    }

    @Test
    void textOfAnyUtf16UnitsCrossesUnchanged() {
        qt().withExamples(300).forAll(AllTypesGen.text()).checkAssert(t -> {
            self.send(t, 0, 2);
            assertEquals(t, self.recv(0, 2));
        });
    }

    /** Rank 0's value reaches every rank point to point and by broadcast; everyone's comes back gathered. */
    @Test
    void roundTripBetweenRanks() {
        qt().withExamples(60).forAll(AllTypesGen.allTypes(), AllTypesGen.allTypes()).checkAssert((v, w) -> {
            List<List<AllTypes>> got = acrossRanks((rank, c) -> {
                List<AllTypes> seen = new ArrayList<>();
                if (rank == 0) {
                    for (int r = 1; r < RANKS; r++) {
                        c.send(v, r, 3);
                    }
                    seen.add(v);
                } else {
                    seen.add(c.recv(0, 3));
                }
                seen.add(c.bcast(rank == 0 ? v : null, 0));
                seen.addAll(c.allgather(rank == 1 ? w : v));
                return seen;
            });
            List<AllTypes> expected = new ArrayList<>(List.of(v, v, v, w));
            expected.addAll(Collections.nCopies(RANKS - 2, v));
            for (int rank = 0; rank < RANKS; rank++) {
                assertEquals(expected, got.get(rank), "rank " + rank);
            }
        });
    }

    /** What one rank does with the job's world, returning what it saw. */
    private interface RankPart {
        List<AllTypes> run(int rank, Comm world);
    }

    /**
     * Runs part on every rank of the job and returns what each saw, leaving the comparison to the test
     * thread, so that a wrong value fails the example and not the job. Should a rank throw, the job
     * is stopped: a new one takes its place, so that the next examples (while shrinking) run on a live job.
     */
    private static List<List<AllTypes>> acrossRanks(RankPart part) {
        List<List<AllTypes>> seen = new ArrayList<>(Collections.nCopies(RANKS, null));
        try {
            job.run((rank, s) -> {
                List<AllTypes> mine = part.run(rank, s.world());
                synchronized (seen) {
                    seen.set(rank, mine);
                }
            });
        } catch (Throwable e) {
            job.close();
            job = InJvmJob.start(RANKS);
            throw new AssertionError(e);
        }
        synchronized (seen) {
            return new ArrayList<>(seen);
        }
    }
}
