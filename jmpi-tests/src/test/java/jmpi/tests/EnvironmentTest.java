package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Status;
import org.junit.jupiter.api.Test;

/** What MPI tells of its environment, and the process's attached buffer, after mpi4py's test_environ. */
class EnvironmentTest {
    @Test
    void versionsThreadLevelAndHost() throws Exception {
        assertArrayEquals(new int[] {4, 0}, MPI.Get_version());
        String lib = MPI.Get_library_version();
        assertTrue(lib.startsWith("jmpi "), lib);
        assertTrue(lib.contains("Java " + Runtime.version()), lib);
        assertEquals(MPI.THREAD_MULTIPLE, MPI.Query_thread());
        assertTrue(MPI.THREAD_SINGLE < MPI.THREAD_FUNNELED && MPI.THREAD_FUNNELED < MPI.THREAD_SERIALIZED
                && MPI.THREAD_SERIALIZED < MPI.THREAD_MULTIPLE);
        assertEquals(InetAddress.getLocalHost().getHostName(), MPI.Get_processor_name());
        assertTrue(MPI.Wtick() > 0 && MPI.Wtick() < 1e-3);
        MPIException e = assertThrows(MPIException.class, () -> MPI.Init_thread(7));
        assertEquals(MPI.ERR_ARG, e.errorClass());
        assertFalse(MPI.Is_initialized(), "a refused Init_thread initializes nothing");
        assertEquals(MPI.ERR_ARG, assertThrows(MPIException.class, () -> MPI.Abort(-1)).errorClass());
        assertFalse(MPI.Is_initialized(), "a refused Abort initializes nothing");
    }

    @Test
    void errorClassesFollowMpisNumbering() {
        assertEquals(0, MPI.SUCCESS);
        assertEquals(15, MPI.ERR_TRUNCATE);
        assertEquals(18, MPI.ERR_IN_STATUS);
        assertEquals(19, MPI.ERR_PENDING);
        assertEquals(75, MPI.ERR_PROC_FAILED);
        assertEquals(76, MPI.ERR_PROC_FAILED_PENDING);
        assertEquals(77, MPI.ERR_REVOKED);
    }

    @Test
    void theProcessBufferIsAttachedOnceAndDetachedWithItsSize() {
        MPIException none = assertThrows(MPIException.class, MPI::Detach_buffer);
        assertEquals(MPI.ERR_BUFFER, none.errorClass());
        assertEquals(MPI.ERR_BUFFER, assertThrows(MPIException.class, () -> MPI.Attach_buffer(-1)).errorClass());
        MPI.Attach_buffer(1 << 16);
        try {
            assertEquals(MPI.ERR_BUFFER, assertThrows(MPIException.class, () -> MPI.Attach_buffer(10)).errorClass());
        } finally {
            assertEquals(1 << 16, MPI.Detach_buffer());
        }
    }

    @Test
    void aStatusSaysSuccessAndItsLongCount() {
        Status st = new Status(1, 2, 3, false);
        assertEquals(MPI.SUCCESS, st.error());
        assertEquals(3L, st.countLong());
        Status huge = new Status(1, 2, 3L << 31, false, MPI.SUCCESS);
        assertEquals(MPI.UNDEFINED, huge.count());
        assertEquals(3L << 31, huge.countLong());
    }
}
