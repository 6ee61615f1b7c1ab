package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
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

    /** mpi4py's testIsPredefined, testIsCommutative(Extra) and testCall for the rank-order ops. */
    @Test
    void predefinedOpsSayWhatTheyAre() {
        for (Op op : Op.values()) {
            assertTrue(op.is_predefined(), op.name());
            assertEquals(op != Op.REPLACE && op != Op.NO_OP, op.Is_commutative(), op.name());
            assertSame(op, Op.valueOf(op.name()));
            assertEquals(op.name(), op.toString());
        }
        assertSame(MPI.SUM, Op.SUM);
        assertEquals(14, Op.values().length);
        assertEquals(3, Op.REPLACE.apply(2, 3));
        assertEquals(2, Op.NO_OP.apply(2, 3));
        assertThrows(IllegalArgumentException.class, () -> Op.valueOf("concat"));
    }

    @Test
    void userOpsApplyTheirFunctionInRankOrder() {
        Op concat = Op.create("concat", (String a, String b) -> a + b, false);
        assertFalse(concat.is_predefined() || concat.Is_commutative());
        assertEquals(-1, concat.ordinal());
        assertEquals("concat", concat.name());
        assertEquals("ab", concat.apply("a", "b"));
        assertEquals("abc", concat.reduce(List.of("a", "b", "c")));
        assertNotEquals(concat, Op.create("concat", (String a, String b) -> a + b, false));
        MPIException wrong = assertThrows(MPIException.class, () -> concat.reduce(List.of("a", 1)));
        assertEquals(MPI.ERR_OP, wrong.errorClass());
        assertTrue(wrong.getMessage().contains("'concat'"), wrong.getMessage());
        MPIException noBuffers = assertThrows(MPIException.class, () -> concat.Reduce_local(new int[1], new int[1]));
        assertEquals(MPI.ERR_OP, noBuffers.errorClass());
    }

    /** mpi4py's testCreate, locally: mysum on buffers, through Reduce_local and on arrays passed as objects. */
    @Test
    void bufferOpsReduceLocallyAndOnArrays() {
        Op mysum = Op.create("mysum", (IntBuffer in, IntBuffer inout, int n) -> {
            for (int i = 0; i < n; i++) {
                inout.put(i, in.get(i) + inout.get(i));
            }
        }, true);
        int[] a = {1, 1, 1};
        int[] b = {2, 2, 2};
        mysum.Reduce_local(a, b);
        assertArrayEquals(new int[] {3, 3, 3}, b);
        assertArrayEquals(new int[] {1, 1, 1}, a);
        IntBuffer direct = ByteBuffer.allocateDirect(12).order(ByteOrder.nativeOrder()).asIntBuffer().put(new int[] {5, 6, 7});
        mysum.Reduce_local(IntBuffer.wrap(a), direct.flip());
        assertArrayEquals(new int[] {6, 7, 8}, new int[] {direct.get(0), direct.get(1), direct.get(2)});
        int[] x = {1, 2};
        int[] y = {3, 4};
        assertArrayEquals(new int[] {5, 8}, (int[]) mysum.reduce(List.of(x, y, x)));
        assertArrayEquals(new int[] {1, 2}, x, "the caller's arrays stay as they were");
        assertEquals(MPI.ERR_COUNT, assertThrows(MPIException.class, () -> mysum.Reduce_local(new int[1], new int[2]))
                .errorClass());
        assertEquals(MPI.ERR_OP, assertThrows(MPIException.class, () -> mysum.Reduce_local(new double[1],
                new double[1])).errorClass());
        // predefined ops reduce locally too: inout = in op inout
        long[] inout = {10, 20};
        Op.MAX.Reduce_local(new long[] {15, 5}, inout);
        assertArrayEquals(new long[] {15, 20}, inout);
        int[] kept = {1, 2};
        Op.REPLACE.Reduce_local(new int[] {7, 8}, kept);
        assertArrayEquals(new int[] {1, 2}, kept, "REPLACE keeps the higher rank's values, inout's");
    }
}
