package jmpi.runtime.elem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Op;
import jmpi.spi.PredefinedOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every op on every element type, folded over 1–5 ranks' little-endian bytes, against a sequential
 * model written with Java's own arithmetic on each type ({@link Samples}). The bytes come in three
 * layouts, so that both the vectorised loops (one contiguous region) and the general ones run.
 */
class ReductionsTest {
    private static final Set<Op> LOGICAL = Set.of(Op.LAND, Op.BAND, Op.LOR, Op.BOR, Op.LXOR, Op.BXOR);
    private static final Set<Op> ARITHMETIC = Set.of(Op.MAX, Op.MIN, Op.SUM, Op.PROD);
    private static final Set<Op> LOC = Set.of(Op.MINLOC, Op.MAXLOC);

    /** The model's table of what applies, written out rather than asked of the code. */
    private static boolean applies(ElementType t, Op op) {
        if (op == Op.REPLACE || op == Op.NO_OP) {
            return true;
        }
        return switch (t) {
            case BOOLEAN -> LOGICAL.contains(op);
            case FLOAT, DOUBLE -> ARITHMETIC.contains(op) || LOC.contains(op);
            case BYTE, CHAR -> !LOC.contains(op);
            case SHORT, INT, LONG -> true;
        };
    }

    static List<Object[]> typesAndOps() {
        List<Object[]> out = new ArrayList<>();
        for (ElementType t : ElementType.values()) {
            for (Op op : Op.values()) {
                out.add(new Object[] {t, op});
            }
        }
        return out;
    }

    /** One element of the model: Java's arithmetic on the type itself, floats in float. */
    private static Object apply(ElementType t, Op op, Object x, Object y) {
        if (op == Op.REPLACE) {
            return y;
        }
        if (t == ElementType.BOOLEAN) {
            boolean a = (Boolean) x;
            boolean b = (Boolean) y;
            return switch (PredefinedOp.of(op)) {
                case LAND, BAND -> a && b;
                case LOR, BOR -> a || b;
                default -> a ^ b;
            };
        }
        if (t == ElementType.FLOAT) {
            float a = (Float) x;
            float b = (Float) y;
            return switch (PredefinedOp.of(op)) {
                case MAX -> Math.max(a, b);
                case MIN -> Math.min(a, b);
                case SUM -> a + b;
                default -> a * b;
            };
        }
        if (t == ElementType.DOUBLE) {
            double a = (Double) x;
            double b = (Double) y;
            return switch (PredefinedOp.of(op)) {
                case MAX -> Math.max(a, b);
                case MIN -> Math.min(a, b);
                case SUM -> a + b;
                default -> a * b;
            };
        }
        long a = Samples.widen(x);
        long b = Samples.widen(y);
        long r = switch (PredefinedOp.of(op)) {
            case MAX -> Math.max(a, b);
            case MIN -> Math.min(a, b);
            case SUM -> a + b;
            case PROD -> a * b;
            case LAND -> a != 0 && b != 0 ? 1 : 0;
            case LOR -> a != 0 || b != 0 ? 1 : 0;
            case LXOR -> (a != 0) != (b != 0) ? 1 : 0;
            case BAND -> a & b;
            case BOR -> a | b;
            default -> a ^ b;
        };
        return Samples.value(t, r);
    }

    /** Element k of rank r: small values for the pair ops, so that ties happen; any value otherwise. */
    private static List<Object> rankValues(ElementType t, Op op, int r, int n, long seed) {
        Random rnd = new Random(seed * 31 + r);
        List<Object> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            long x = LOC.contains(op) ? (k % 2 == 0 ? rnd.nextInt(3) : rnd.nextInt(4)) : rnd.nextLong() >> rnd.nextInt(64);
            out.add(Samples.value(t, x));
        }
        return out;
    }

    /** The model's fold in rank order; pairs take the better value, ties the lower index. */
    private static List<Object> model(ElementType t, Op op, List<List<Object>> ranks) {
        List<Object> acc = new ArrayList<>(ranks.get(0));
        for (List<Object> b : ranks.subList(1, ranks.size())) {
            for (int k = 0; k < acc.size(); k++) {
                if (op == Op.NO_OP) {
                    break;
                } else if (LOC.contains(op)) {
                    if (k % 2 == 1) {
                        continue;
                    }
                    int c = compare(acc.get(k), b.get(k));
                    if (c == 0) {
                        c = compare(acc.get(k + 1), b.get(k + 1)) < 0 ? -1 : 1;
                        c = op == Op.MINLOC ? c : -c;
                    }
                    if (op == Op.MINLOC ? c > 0 : c < 0) {
                        acc.set(k, b.get(k));
                        acc.set(k + 1, b.get(k + 1));
                    }
                } else {
                    acc.set(k, apply(t, op, acc.get(k), b.get(k)));
                }
            }
        }
        return acc;
    }

    @SuppressWarnings("unchecked")
    private static int compare(Object x, Object y) {
        return ((Comparable<Object>) x).compareTo(y);
    }

    private static byte[] bytes(ElementType t, List<Object> values) {
        byte[] out = new byte[values.size() * t.size()];
        for (int k = 0; k < values.size(); k++) {
            System.arraycopy(Samples.le(t, values.get(k)), 0, out, k * t.size(), t.size());
        }
        return out;
    }

    /** The bytes as a heap buffer, a pooled direct one, or two pieces (not one region), by layout. */
    private static ByteBuf part(byte[] b, int layout) {
        switch (layout) {
            case 0:
                return Unpooled.wrappedBuffer(b);
            case 1:
                return PooledByteBufAllocator.DEFAULT.directBuffer(b.length).writeBytes(b);
            default:
                CompositeByteBuf c = Unpooled.compositeBuffer();
                int half = b.length / 2;
                c.addComponent(true, Unpooled.copiedBuffer(b, 0, half));
                c.addComponent(true, Unpooled.copiedBuffer(b, half, b.length - half));
                return c;
        }
    }

    private static void release(ByteBuf[] parts) {
        for (ByteBuf p : parts) {
            p.release();
        }
    }

    @ParameterizedTest
    @MethodSource("typesAndOps")
    void foldsAsTheSequentialModel(ElementType t, Op op) {
        for (int ranks = 1; ranks <= 5; ranks++) {
            for (int layout = 0; layout < 3; layout++) {
                int n = 2 * (ranks + layout) + 4;
                List<List<Object>> values = new ArrayList<>();
                ByteBuf[] parts = new ByteBuf[ranks];
                for (int r = 0; r < ranks; r++) {
                    values.add(rankValues(t, op, r, n, ranks * 7L + layout));
                    parts[r] = part(bytes(t, values.get(r)), layout);
                }
                try {
                    if (!applies(t, op)) {
                        MPIException e = assertThrows(MPIException.class, () -> Reductions.fold(t, op, parts));
                        assertEquals(MPI.ERR_OP, e.errorClass(), e.getMessage());
                        assertEquals(false, Reductions.applies(t, op));
                        return;
                    }
                    Reductions.fold(t, op, parts);
                    assertArrayEquals(bytes(t, model(t, op, values)), ByteBufUtil.getBytes(parts[0]),
                            t + " " + op + " over " + ranks + " ranks, layout " + layout);
                } finally {
                    release(parts);
                }
            }
        }
        assertEquals(true, Reductions.applies(t, op));
    }

    @Test
    void pairsNeedAWholeNumberOfPairs() {
        ByteBuf[] parts = {Unpooled.buffer().writeIntLE(1).writeIntLE(0).writeIntLE(5),
            Unpooled.buffer().writeIntLE(1).writeIntLE(1).writeIntLE(5)};
        MPIException e = assertThrows(MPIException.class, () -> Reductions.fold(ElementType.INT, Op.MINLOC, parts));
        assertEquals(MPI.ERR_COUNT, e.errorClass());
        release(parts);
    }

    @Test
    void partsOfDifferentLengthsAreErrCount() {
        ByteBuf[] parts = {Unpooled.buffer().writeLongLE(1), Unpooled.buffer().writeLongLE(1).writeLongLE(2)};
        MPIException e = assertThrows(MPIException.class, () -> Reductions.fold(ElementType.LONG, Op.SUM, parts));
        assertEquals(MPI.ERR_COUNT, e.errorClass());
        release(parts);
    }

    @Test
    void arraysFoldIntoANewArray() {
        int[] a = {1, Integer.MAX_VALUE};
        int[] b = {2, 1};
        assertArrayEquals(new int[] {5, Integer.MIN_VALUE + 1}, (int[]) Reductions.foldArrays(Op.SUM, List.of(a, b, b)));
        assertArrayEquals(new int[] {1, Integer.MAX_VALUE}, a, "the operands stay");
        assertArrayEquals(new boolean[] {false, true}, (boolean[]) Reductions.foldArrays(Op.BXOR,
                List.of(new boolean[] {true, true}, new boolean[] {true, false})));
        assertArrayEquals(new char[] {'b'}, (char[]) Reductions.foldArrays(Op.MAX,
                List.of(new char[] {'a'}, new char[] {'b'})));
        for (List<Object> bad : List.<List<Object>>of(List.of(new int[1], new long[1]), List.of("a", "b"),
                List.of(new int[1], new int[1], new String[1]))) {
            MPIException e = assertThrows(MPIException.class, () -> Reductions.foldArrays(Op.SUM, bad));
            assertEquals(MPI.ERR_OP, e.errorClass());
        }
        MPIException e = assertThrows(MPIException.class,
                () -> Reductions.foldArrays(Op.SUM, List.of(new long[1], new long[2])));
        assertEquals(MPI.ERR_COUNT, e.errorClass());
    }

    @Test
    void theApiAsksAboutArraysOnly() {
        assertEquals(true, ApiElements.INSTANCE.appliesTo(Op.SUM, new int[1]));
        assertEquals(false, ApiElements.INSTANCE.appliesTo(Op.SUM, new boolean[1]));
        assertEquals(false, ApiElements.INSTANCE.appliesTo(Op.SUM, java.nio.IntBuffer.allocate(1)));
        assertEquals(false, ApiElements.INSTANCE.appliesTo(Op.SUM, new Integer[1]));
        MPIException e = assertThrows(MPIException.class, () -> ApiElements.INSTANCE.copyOf("text"));
        assertEquals(MPI.ERR_BUFFER, e.errorClass());
    }
}
