package jmpi.processor;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;
import jmpi.op.Registration;
import jmpi.op.TypeRegistry;
import jmpi.op.WireCodec;
import jmpi.op.WireInput;
import jmpi.op.WireOutput;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs the generated codecs and registration: what write puts on the wire, read takes back in the same order. */
class GeneratedCodeTest {
    private static ClassLoader loader;

    @BeforeAll
    static void compile() {
        Compilation c = OperationProcessorTest.compileValid();
        Map<String, byte[]> classes = new HashMap<>();
        for (JavaFileObject f : c.generatedFiles()) {
            if (f.getKind() == JavaFileObject.Kind.CLASS) {
                String name = f.getName().replaceFirst("^/CLASS_OUTPUT/", "").replaceFirst("\\.class$", "");
                try (InputStream in = f.openInputStream()) {
                    classes.put(name.replace('/', '.'), in.readAllBytes());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        loader = new ClassLoader(GeneratedCodeTest.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] bytes = classes.get(name);
                if (bytes == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, bytes, 0, bytes.length);
            }
        };
    }

    @Test
    void recordOfPrimitivesRoundTrips() {
        Wire wire = new Wire().add("Int", 3).add("Int", -4);
        List<Item> sent = wire.copy();
        Object point = codec("demo.JmpiSerializer_Point").read(wire);
        assertThat(point.toString()).isEqualTo("Point[x=3, y=-4]");
        assertThat(wire.isEmpty()).isTrue();
        codec("demo.JmpiSerializer_Point").write(wire, point);
        assertThat(wire.copy()).containsExactlyElementsIn(sent).inOrder();
    }

    @Test
    void enumRoundTripsByName() {
        Object exact = codec("demo.JmpiSerializer_Mode").read(new Wire().add("String", "EXACT"));
        assertThat(exact.toString()).isEqualTo("EXACT");
        Wire wire = new Wire();
        codec("demo.JmpiSerializer_Mode").write(wire, exact);
        assertThat(wire.copy()).containsExactly(new Item("String", "EXACT"));
    }

    @Test
    void unknownEnumNameIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> codec("demo.JmpiSerializer_Mode").read(new Wire().add("String", "SLOW")));
        assertThat(e).hasMessageThat().isEqualTo("no constant of demo.Mode is named SLOW");
    }

    @Test
    void operationRoundTripsEveryComponentInOrder() {
        Object fast = codec("demo.JmpiSerializer_Mode").read(new Wire().add("String", "FAST"));
        Object point = codec("demo.JmpiSerializer_Point").read(new Wire().add("Int", 1).add("Int", 2));
        Wire wire = new Wire().add("Object", max()).add("Object", fast).add("Object", List.of(point));
        List<Item> sent = wire.copy();
        Object op = codec("demo.JmpiSerializer_PairReduce").read(wire);
        assertThat(op.toString()).isEqualTo("PairReduce[op=MAX, mode=FAST, points=[Point[x=1, y=2]]]");
        codec("demo.JmpiSerializer_PairReduce").write(wire, op);
        assertThat(wire.copy()).containsExactlyElementsIn(sent).inOrder();
    }

    @Test
    void nestedRecordRoundTrips() {
        Wire wire = new Wire().add("String", "n").add("Object", new long[] {7L})
                .add("Object", java.util.Optional.empty()).add("Char", 'i');
        List<Item> sent = wire.copy();
        Object inner = codec("demo.JmpiSerializer_Outer_Inner").read(wire);
        assertThat(inner.getClass().getName()).isEqualTo("demo.Outer$Inner");
        codec("demo.JmpiSerializer_Outer_Inner").write(wire, inner);
        // equal items hold the very same objects: the codec passes values through without copying
        assertThat(wire.copy()).containsExactlyElementsIn(sent).inOrder();
    }

    @Test
    void everyPrimitiveKindRoundTrips() {
        Wire wire = new Wire().add("Boolean", true).add("Byte", (byte) -1).add("Short", (short) 300)
                .add("Long", Long.MIN_VALUE).add("Float", 1.5f).add("Double", Math.PI);
        List<Item> sent = wire.copy();
        Object hidden = codec("demo.other.JmpiSerializer_Hidden").read(wire);
        assertThat(hidden.toString()).isEqualTo("Hidden[flag=true, b=-1, s=300, l=" + Long.MIN_VALUE
                + ", f=1.5, d=" + Math.PI + "]");
        codec("demo.other.JmpiSerializer_Hidden").write(wire, hidden);
        assertThat(wire.copy()).containsExactlyElementsIn(sent).inOrder();
    }

    @Test
    void registrationRegistersEveryTypeUnderItsBinaryName() throws ReflectiveOperationException {
        Registration registration = (Registration) loader.loadClass("demo.JmpiRegistration")
                .getConstructor().newInstance();
        List<String> registered = new ArrayList<>();
        registration.register(new TypeRegistry() {
            @Override
            public <T> void register(Class<T> type, String name, WireCodec<T> codec) {
                assertThat(type.getName()).isEqualTo(name);
                registered.add(name + " " + codec.getClass().getSimpleName());
            }
        });
        assertThat(registered).containsExactly("demo.Mode JmpiSerializer_Mode",
                "demo.Outer$Inner JmpiSerializer_Outer_Inner", "demo.PairReduce JmpiSerializer_PairReduce",
                "demo.Point JmpiSerializer_Point", "demo.Shade JmpiSerializer_Shade",
                "demo.other.Hidden JmpiSerializer_Hidden").inOrder();
    }

    /**
     * jmpi.Op.MAX, looked up by name: while the tests compile inside module jmpi.processor, javac takes the
     * package jmpi for one of that module's own (it has the directory jmpi/processor) and cannot see jmpi.Op.
     */
    private static Object max() {
        try {
            return loader.loadClass("jmpi.Op").getField("MAX").get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static WireCodec<Object> codec(String name) {
        try {
            return (WireCodec<Object>) loader.loadClass(name).getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** One value on the wire and the method pair that moves it ("Int" for writeInt/readInt). */
    private record Item(String kind, Object value) {
    }

    /** A wire that records (method suffix, value) pairs: written ones are appended, read ones taken from the front. */
    private static final class Wire implements WireInput, WireOutput {
        private final Deque<Item> items = new ArrayDeque<>();

        Wire add(String kind, Object value) {
            items.addLast(new Item(kind, value));
            return this;
        }

        List<Item> copy() {
            return new ArrayList<>(items);
        }

        boolean isEmpty() {
            return items.isEmpty();
        }

        private Object take(String kind) {
            Item item = items.removeFirst();
            assertThat(item.kind()).isEqualTo(kind);
            return item.value();
        }

        @Override
        public void writeBoolean(boolean v) {
            add("Boolean", v);
        }

        @Override
        public void writeByte(byte v) {
            add("Byte", v);
        }

        @Override
        public void writeShort(short v) {
            add("Short", v);
        }

        @Override
        public void writeChar(char v) {
            add("Char", v);
        }

        @Override
        public void writeInt(int v) {
            add("Int", v);
        }

        @Override
        public void writeLong(long v) {
            add("Long", v);
        }

        @Override
        public void writeFloat(float v) {
            add("Float", v);
        }

        @Override
        public void writeDouble(double v) {
            add("Double", v);
        }

        @Override
        public void writeString(String v) {
            add("String", v);
        }

        @Override
        public void writeObject(Object v) {
            add("Object", v);
        }

        @Override
        public boolean readBoolean() {
            return (Boolean) take("Boolean");
        }

        @Override
        public byte readByte() {
            return (Byte) take("Byte");
        }

        @Override
        public short readShort() {
            return (Short) take("Short");
        }

        @Override
        public char readChar() {
            return (Character) take("Char");
        }

        @Override
        public int readInt() {
            return (Integer) take("Int");
        }

        @Override
        public long readLong() {
            return (Long) take("Long");
        }

        @Override
        public float readFloat() {
            return (Float) take("Float");
        }

        @Override
        public double readDouble() {
            return (Double) take("Double");
        }

        @Override
        public String readString() {
            return (String) take("String");
        }

        @Override
        public Object readObject() {
            return take("Object");
        }
    }
}
