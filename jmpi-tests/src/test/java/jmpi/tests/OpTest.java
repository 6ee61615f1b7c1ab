package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.List;
import jmpi.Loc;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Op;
import org.junit.jupiter.api.Test;

/** The reduce operations on objects, directly. */
class OpTest {

    @Test
    void foldsInRankOrder() {
        assertEquals("abc", Op.SUM.reduce(List.of("a", "b", "c")));
        assertEquals(3, Op.REPLACE.reduce(List.of(1, 2, 3)));
        assertEquals(1, Op.NO_OP.reduce(List.of(1, 2, 3)));
        assertEquals(24L, Op.PROD.reduce(List.of(2L, 3L, 4L)));
        assertEquals(BigInteger.TWO, Op.MAX.reduce(List.of(BigInteger.ONE, BigInteger.TWO)));
    }

    @Test
    void locTiesGoToTheLowestIndex() {
        assertEquals(new Loc<>(1, 0), Op.MINLOC.reduce(List.of(1, 1, 2)));
        assertEquals(new Loc<>(2, 2), Op.MAXLOC.reduce(List.of(1, 1, 2)));
        assertEquals(new Loc<>(5.0, 1), Op.MAXLOC.reduce(List.of(new Loc<>(5.0, 3), new Loc<>(5.0, 1))));
    }

    @Test
    void arraysElementWise() {
        assertArrayEquals(new int[] {4, 6}, (int[]) Op.SUM.reduce(List.of(new int[] {1, 2}, new int[] {3, 4})));
        assertArrayEquals(new boolean[] {false, true},
                (boolean[]) Op.LXOR.reduce(List.of(new boolean[] {true, true}, new boolean[] {true, false})));
        assertArrayEquals(new long[] {1, 3}, (long[]) Op.BOR.reduce(List.of(new long[] {1, 2}, new long[] {0, 1})));
    }

    @Test
    void mismatchesAreErrOp() {
        for (Runnable r : List.<Runnable>of(
                () -> Op.SUM.reduce(List.of(1, 1L)),
                () -> Op.PROD.reduce(List.of("a")),
                () -> Op.BAND.reduce(List.of(1.0, 2.0)),
                () -> Op.LAND.reduce(List.of(1)),
                () -> Op.SUM.reduce(List.of(new double[1], new float[1])),
                () -> Op.MAX.reduce(java.util.Arrays.asList(1, null)))) {
            MPIException e = assertThrows(MPIException.class, r::run);
            assertEquals(MPI.ERR_OP, e.errorClass(), e.getMessage());
        }
        MPIException len = assertThrows(MPIException.class,
                () -> Op.SUM.reduce(List.of(new int[1], new int[2])));
        assertEquals(MPI.ERR_COUNT, len.errorClass());
    }
}
