package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import jmpi.Config;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Op;
import jmpi.tests.cco.UserOpCases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * User reduce operations in every collective that takes one: at 1 to 5 ranks in this JVM on both
 * planes, under jmpirun on both planes, and ranks whose operations differ in name.
 */
class UserOpTest {

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void amongTheRanksTheyFoldInRankOrder(int n) throws Throwable {
        try (InJvmJob job = InJvmJob.start(n, Config.DATA_DIRECT)) {
            job.run((rank, s) -> {
                UserOpCases.onTheRanks(s.world());
                UserOpCases.onOneRank(s.self());
            });
        }
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {2, 3})
    void throughTheCoordinatorTheyFailWithErrOpAndTheJobGoesOn(int n) throws Throwable {
        try (InJvmJob job = InJvmJob.start(n, Config.DATA_COORDINATOR)) {
            job.run((rank, s) -> {
                UserOpCases.throughTheCoordinator(s.world());
                UserOpCases.onOneRank(s.self());
            });
        }
    }

    @Test
    void oneRankThroughTheCoordinatorFoldsNothingAndWorks() throws Throwable {
        try (InJvmJob job = InJvmJob.start(1, Config.DATA_COORDINATOR)) {
            job.run((rank, s) -> UserOpCases.onOneRank(s.world()));
        }
    }

    @Test
    void anObjectOperationOnBuffersFailsOnEveryRankBeforeAnythingIsSent() throws Throwable {
        try (InJvmJob job = InJvmJob.start(3, Config.DATA_DIRECT)) {
            job.run((rank, s) -> {
                Op concat = Op.create("concat", (String a, String b) -> a + b, false);
                MPIException e = Check.fails(MPI.ERR_OP, () -> s.world().Allreduce(new int[2], new int[2], concat));
                assertTrue(e.getMessage().contains("'concat'"), e.getMessage());
                Op ints = jmpi.tests.ops.UserOps.sum(true);
                Check.fails(MPI.ERR_OP, () -> s.world().Allreduce(new double[2], new double[2], ints));
                assertEquals(3, (int) s.world().allreduce(1, MPI.SUM));
            });
        }
    }

    @Test
    void differentNamesAreACollectiveMismatchAndTheJobGoesOn() throws Throwable {
        AtomicInteger mismatches = new AtomicInteger();
        try (InJvmJob job = InJvmJob.start(2, Config.DATA_DIRECT)) {
            job.run((rank, s) -> {
                Op op = Op.create(rank == 0 ? "concat" : "join", (String a, String b) -> a + b, false);
                try {
                    s.world().allreduce("r" + rank, op);
                } catch (MPIException e) {
                    assertTrue(e.getMessage().contains("collective mismatch")
                            && e.getMessage().contains(rank == 0 ? "'concat'" : "'join'"), e.getMessage());
                    mismatches.incrementAndGet();
                }
                assertEquals(1, (int) s.world().allreduce(rank, MPI.SUM));
                assertEquals("r0r1", s.world().allreduce("r" + rank, MPI.SUM));
            });
        }
        // both ranks exchange their values in an allreduce of two: each sees the other's word
        assertEquals(2, mismatches.get());
    }

    @ParameterizedTest(name = "JMPI_DATA={0}")
    @ValueSource(strings = {Config.DATA_DIRECT, Config.DATA_COORDINATOR})
    void underTheLauncherOnEachPlane(String data) throws Exception {
        ProcessBuilder pb = Jobs.jmpirun(3, Jobs.rankCommand("jmpi.tests.programs.UserOpJob"));
        pb.environment().put("JMPI_DATA", data);
        Jobs.Result r = Jobs.run(pb, Duration.ofMinutes(2));
        assertEquals(0, r.exitCode(), r.out());
        for (int rank : List.of(0, 1, 2)) {
            String line = "rank " + rank + ": user operations passed (" + data + ")";
            assertTrue(r.out().lines().anyMatch(line::equals), line + " not in:\n" + r.out());
        }
    }
}
