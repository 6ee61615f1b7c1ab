package jmpi.tests;

import static jmpi.tests.Check.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jmpi.Comm;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.RemoteException;
import jmpi.op.OperationRequest;
import jmpi.tests.ops.Failing;
import jmpi.tests.ops.Point;
import jmpi.tests.ops.Unlisted;

/** Errors: remote exceptions, refused classes, and that the job goes on after each. */
public class ErrorsSuite extends RankSuite {

    @RankTest
    public void testExceptionInApplyReachesEveryRank() {
        Comm c = comm();
        Failing ctx = new Failing("boom at the coordinator");
        RemoteException e = assertThrows(RemoteException.class,
                () -> c.submit(OperationRequest.of(ctx.group(c.size()), ctx, c.rank())).waitFor());
        assertEquals(IllegalStateException.class.getName(), e.remoteType());
        assertTrue(e.getMessage().contains("boom at the coordinator"), e.getMessage());
        assertTrue(e.remoteStackTrace().contains("Failing.apply"), e.remoteStackTrace());
        assertEquals(MPI.ERR_OTHER, e.errorClass());
        // as in pympi's exception test: the next operations work normally
        c.barrier();
        assertEquals(c.size(), (int) c.<Integer>allreduce(1));
    }

    @RankTest
    public void testUnregisteredClassIsRefusedLocally() {
        Comm c = comm();
        MPIException e = fails(MPI.ERR_ARG, () -> c.send(new Unlisted(1), c.rank()));
        assertTrue(e.getMessage().contains(Unlisted.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains("JMPI_SERIAL"), e.getMessage());
        // jmpi's words, with the two fixes; not the serialization library's advice on its own API
        assertTrue(e.getMessage().contains("@Payload"), e.getMessage());
        assertFalse(e.getMessage().contains("Fory"), e.getMessage());
        assertFalse(e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("vulnerab"), e.getMessage());
        fails(MPI.ERR_ARG, () -> c.allgather(new Unlisted(2)));
        fails(MPI.ERR_ARG, () -> c.bcast(new Unlisted(3), c.rank()));
        // the connection and the job survive
        assertTrue(c.iprobe(c.rank(), MPI.ANY_TAG).isEmpty());
        assertEquals(c.size(), c.allgather(new Point(1, 2, "ok")).size());
    }

    @RankTest
    public void testAllowedRecordCrossesTheWire() {
        Comm c = comm();
        Point p = new Point(c.rank(), -c.rank(), "r" + c.rank());
        assertEquals(new Point(0, 0, "r0"), c.bcast(p, 0));
    }
}
