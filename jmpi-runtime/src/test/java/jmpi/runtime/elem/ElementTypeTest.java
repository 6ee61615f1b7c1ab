package jmpi.runtime.elem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.runtime.elem.Samples.Form;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every element type in every buffer form, against the tests' own model of the types in {@link Samples}. */
class ElementTypeTest {
    private static final int CAPACITY = 11;
    private static final int POSITION = 2;
    private static final int LIMIT = 9;

    static List<Object[]> typesAndForms() {
        return Samples.typesAndForms();
    }

    private static List<Object> values(ElementType t, long seed) {
        Random r = new Random(seed);
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < CAPACITY; i++) {
            out.add(Samples.value(t, r.nextLong()));
        }
        return out;
    }

    /** The buffer with its window set: nio buffers get a position and limit, arrays are read from an offset. */
    private static Object windowed(ElementType t, Form f, List<Object> values) {
        Object buf = Samples.buffer(t, f, values);
        if (buf instanceof Buffer b) {
            b.limit(LIMIT).position(POSITION);
        }
        return buf;
    }

    @Test
    void keepsTheWireCodesNamesAndSizes() {
        String[] names = {"byte", "short", "char", "int", "long", "float", "double", "boolean"};
        int[] sizes = {1, 2, 2, 4, 8, 4, 8, 1};
        Class<?>[] arrays = {byte[].class, short[].class, char[].class, int[].class, long[].class, float[].class,
            double[].class, boolean[].class};
        for (ElementType t : ElementType.values()) {
            int i = t.ordinal();
            assertEquals(i + 1, t.code());
            assertSame(t, ElementType.ofCode(i + 1));
            assertEquals(names[i], t.typeName());
            assertEquals(sizes[i], t.size());
            assertSame(arrays[i], t.arrayClass());
            assertSame(arrays[i], t.newArray(3).getClass());
            assertEquals(3, t.count(t.newArray(3)));
        }
        assertSame(IntBuffer.class, ElementType.INT.bufferClass());
        assertNull(ElementType.BOOLEAN.bufferClass());
    }

    @Test
    void unknownCodesAreErrType() {
        for (int code : new int[] {0, 9, -1, Integer.MAX_VALUE}) {
            assertFalse(ElementType.isCode(code));
            MPIException e = assertThrows(MPIException.class, () -> ElementType.ofCode(code));
            assertEquals(MPI.ERR_TYPE, e.errorClass());
        }
    }

    @ParameterizedTest
    @MethodSource("typesAndForms")
    void findsTheTypeOfEveryForm(ElementType t, Form f) {
        assertSame(t, ElementType.of(Samples.buffer(t, f, values(t, 1))));
    }

    @Test
    void otherObjectsAreNoBuffers() {
        for (Object o : new Object[] {null, "text", 1, new Integer[2], new Object[0], MPI.IN_PLACE}) {
            assertNull(ElementType.of(o));
        }
        MPIException e = assertThrows(MPIException.class, () -> BufferView.of("text", "sendbuf"));
        assertEquals(MPI.ERR_BUFFER, e.errorClass());
    }

    @ParameterizedTest
    @MethodSource("typesAndForms")
    void encodesTheWindowAsLittleEndianBytes(ElementType t, Form f) {
        List<Object> values = values(t, 2);
        Object buf = windowed(t, f, values);
        int off = 1;
        int n = f.nio() ? LIMIT - POSITION - off : CAPACITY - POSITION - off;
        int first = f.nio() ? POSITION + off : off;
        ByteBuffer le = ByteBuffer.allocate(3 + n * t.size());
        le.position(3);
        t.encode(buf, off, n, le);
        assertEquals(3, le.position(), "the target's position stays");
        for (int i = 0; i < n; i++) {
            byte[] got = new byte[t.size()];
            le.get(3 + i * t.size(), got);
            assertArrayEquals(Samples.le(t, values.get(first + i)), got, "element " + i);
        }
        if (buf instanceof Buffer b) {
            assertEquals(POSITION, b.position());
            assertEquals(LIMIT, b.limit());
        }
    }

    @ParameterizedTest
    @MethodSource("typesAndForms")
    void decodesIntoTheWindowOnly(ElementType t, Form f) {
        List<Object> before = values(t, 3);
        List<Object> incoming = values(t, 4);
        Object buf = windowed(t, f, before);
        int off = 2;
        int n = 4;
        ByteBuffer le = ByteBuffer.allocate(n * t.size());
        for (int i = 0; i < n; i++) {
            le.put(Samples.le(t, incoming.get(i)));
        }
        le.flip();
        if (f == Form.READ_ONLY) {
            assertThrows(ReadOnlyBufferException.class, () -> t.decode(le, buf, off, n));
            return;
        }
        t.decode(le, buf, off, n);
        if (buf instanceof Buffer b) {
            assertEquals(POSITION, b.position());
            assertEquals(LIMIT, b.limit());
            // to read back what lies past the limit too, which must be untouched
            b.limit(CAPACITY);
        }
        int first = (f.nio() ? POSITION : 0) + off;
        for (int i = 0; i < CAPACITY; i++) {
            boolean inside = i >= first && i < first + n;
            assertEquals(inside ? incoming.get(i - first) : before.get(i), Samples.get(buf, i), "element " + i);
        }
        assertEquals(0, le.position(), "the source's position stays");
    }

    @ParameterizedTest
    @MethodSource("typesAndForms")
    void viewsRoundTripThroughByteBufs(ElementType t, Form f) {
        List<Object> values = values(t, 5);
        BufferView send = BufferView.of(windowed(t, f, values), "sendbuf");
        assertSame(t, send.type());
        assertEquals(f.nio() ? LIMIT - POSITION : CAPACITY, send.count());
        ByteBuf bytes = send.readBuf(1, 3, Unpooled::buffer);
        try {
            assertEquals(3 * t.size(), bytes.readableBytes());
            Object into = t.newArray(5);
            BufferView.of(into, "recvbuf").write(bytes, 2);
            int first = (f.nio() ? POSITION : 0) + 1;
            for (int i = 0; i < 3; i++) {
                assertEquals(values.get(first + i), Samples.get(into, 2 + i));
            }
            MPIException e = assertThrows(MPIException.class, () -> BufferView.of(into, "recvbuf").write(bytes, 3));
            assertEquals(MPI.ERR_COUNT, e.errorClass());
        } finally {
            bytes.release();
        }
        MPIException e = assertThrows(MPIException.class, () -> send.readBuf(send.count() - 1, 2));
        assertEquals(MPI.ERR_COUNT, e.errorClass());
    }

    @ParameterizedTest
    @EnumSource(value = ElementType.class, names = "BOOLEAN", mode = EnumSource.Mode.EXCLUDE)
    void aReadOnlyReceiveBufferIsRefused(ElementType t) {
        Object ro = Samples.buffer(t, Form.READ_ONLY, values(t, 6));
        MPIException e = assertThrows(MPIException.class, () -> BufferView.of(ro, "recvbuf"));
        assertEquals(MPI.ERR_BUFFER, e.errorClass());
        assertTrue(e.getMessage().contains("read-only"), e.getMessage());
        assertEquals(CAPACITY, BufferView.of(ro, "sendbuf").count(), "it may still be sent");
    }

    @ParameterizedTest
    @MethodSource("typesAndForms")
    void copiesTheRemainingElements(ElementType t, Form f) {
        List<Object> values = values(t, 7);
        Object buf = windowed(t, f, values);
        Object copy = t.copyOf(buf);
        assertNotSame(buf, copy);
        assertSame(t, ElementType.of(copy));
        int first = f.nio() ? POSITION : 0;
        int n = t.count(buf);
        assertEquals(n, t.count(copy));
        for (int i = 0; i < n; i++) {
            assertEquals(values.get(first + i), Samples.get(copy, i));
        }
        if (copy instanceof Buffer c) {
            assertEquals(0, c.position());
            assertFalse(c.isReadOnly());
            assertEquals(POSITION, ((Buffer) buf).position());
        }
    }
}
