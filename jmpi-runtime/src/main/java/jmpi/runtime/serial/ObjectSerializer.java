package jmpi.runtime.serial;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import jmpi.Loc;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Op;
import jmpi.op.CommunicationGroup;
import jmpi.op.WireCodec;
import org.apache.fory.Fory;
import org.apache.fory.ThreadSafeFory;
import org.apache.fory.config.Language;
import org.apache.fory.exception.InsecureException;
import org.apache.fory.memory.MemoryBuffer;
import org.apache.fory.serializer.BufferCallback;
import org.apache.fory.serializer.BufferObject;

/**
 * Turns objects into bytes and back with Fory, allowing only registered classes: JDK value types,
 * jmpi's own types, the names in {@code JMPI_SERIAL}, and classes that generated registrations add.
 * Every rank registers the same classes in the same order, so type identities agree.
 */
public final class ObjectSerializer {
    private static final System.Logger LOG = System.getLogger(ObjectSerializer.class.getName());

    private final List<Generated<?>> generated;
    private final List<Class<?>> extra;
    private final ClassLoader loader;
    private volatile ThreadSafeFory fory;
    /** Taken out while in use, so that a serializer that serializes (a nested call) gets one of its own. */
    private final ThreadLocal<MemoryBuffer> scratch = new ThreadLocal<>();
    private static final int SCRATCH = 64 << 10;
    private static final int KEEP_SCRATCH = 8 << 20;
    private static final long DEFAULT_GRAPH_LIMIT = 128L << 20;
    private static final long GRAPH_PER_BYTE = 4;
    /** The bit of Fory's first byte that says the stream was written with out-of-band buffers. */
    private static final byte FORY_OUT_OF_BAND = 1 << 1;
    private final long graphLimit;

    /** As below, for messages up to the largest JMPI_SERIAL_SIZE. */
    public ObjectSerializer(List<String> serialNames, ClassLoader loader) {
        this(serialNames, loader, Integer.MAX_VALUE);
    }

    /**
     * Checks the names now; Fory itself is built on first use, as programs that move only buffers never
     * need it. serialSize is the largest message (JMPI_SERIAL_SIZE): Fory's bound on the memory a
     * graph it reads may ask for follows it, so an object of any size that may travel can be read.
     */
    public ObjectSerializer(List<String> serialNames, ClassLoader loader, long serialSize) {
        // an object takes more room in memory than on the wire (headers, references): a few times its bytes
        this.graphLimit = Math.max(DEFAULT_GRAPH_LIMIT, GRAPH_PER_BYTE * serialSize);
        this.loader = loader;
        this.generated = Registrations.load(loader);
        this.extra = new ArrayList<>();
        // sorted so that every rank registers in the same order whatever order the option lists
        for (String name : new TreeSet<>(serialNames)) {
            extra.add(load(name, loader));
        }
    }

    private ThreadSafeFory fory() {
        ThreadSafeFory f = fory;
        if (f == null) {
            synchronized (this) {
                f = fory;
                if (f == null) {
                    f = build();
                    fory = f;
                }
            }
        }
        return f;
    }

    private ThreadSafeFory build() {
        ThreadSafeFory fory = Fory.builder()
                .withLanguage(Language.JAVA)
                .requireClassRegistration(true)
                .withDeserializeUnknownClass(false)
                .withRefTracking(true)
                .withCodegen(false)
                .withMaxGraphMemoryBytes(graphLimit)
                .withClassLoader(loader)
                .suppressClassRegistrationWarnings(true)
                .buildThreadSafeFory();
        fory.registerCallback(f -> {
            // jmpi's own types first, then generated ones, each with its serializer in one step
            f.registerSerializerAndType(Op.class, new OpSerializer(f.getConfig()));
            f.registerSerializerAndType(Loc.class, new LocSerializer(f.getConfig()));
            f.registerSerializerAndType(CommunicationGroup.class, new GroupSerializer(f.getConfig()));
            for (Generated<?> g : generated) {
                g.registerWith(f);
            }
            for (Class<?> c : extra) {
                f.register(c, c.getName());
            }
        });
        return fory;
    }

    /** A type that a generated registration adds, with its codec. */
    record Generated<T>(Class<T> type, String name, WireCodec<T> codec) {
        void registerWith(Fory f) {
            // type and serializer together: registered apart, a type read by name could later be
            // written with Fory's own record serializer instead of the codec
            f.registerSerializerAndType(type, new CodecSerializer<>(f.getConfig(), type, codec));
        }
    }

    private static Class<?> load(String name, ClassLoader loader) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            throw new MPIException(MPI.ERR_ARG, "JMPI_SERIAL names class " + name + ", which cannot be found", e);
        }
    }

    /** Serializes obj; an unregistered class fails with a message that names it and JMPI_SERIAL. */
    public byte[] toBytes(Object obj) {
        return serialize(obj, () -> fory().serialize(obj));
    }

    /**
     * Serializes obj into one buffer from alloc (shared memory, for a large one), its primitive arrays
     * of {@link Pieces#WHOLE_OUT_OF_BAND_FROM} or more after the rest, each copied once
     * ({@link Pieces#writePart}); a part holds less than 2 GiB: larger objects only messages carry
     * ({@link #toPieces}).
     */
    public ByteBuf toPart(Object obj, IntFunction<ByteBuf> alloc) {
        ByteBuf part = toPartOrRefusal(obj, alloc);
        if (Pieces.refusal(part) != null) {
            MPIException e = new MPIException(MPI.ERR_COUNT, Pieces.refusal(part));
            part.release();
            throw e;
        }
        return part;
    }

    /**
     * As {@link #toPart}, but an object too large for one part becomes a note that fails every
     * {@link #fromBytes} of it with ERR_COUNT: a collective goes on with it, so that every rank that
     * would have read the object fails alike instead of waiting for a part that never comes.
     */
    public ByteBuf toPartOrRefusal(Object obj, IntFunction<ByteBuf> alloc) {
        return outOfBand(obj, Pieces.WHOLE_OUT_OF_BAND_FROM, (inBand, arrays) -> {
            long bytes = Pieces.partBytes(inBand, arrays);
            return bytes <= Integer.MAX_VALUE ? Pieces.writePart(inBand, arrays, alloc)
                    : Pieces.refusing("an object of " + bytes + " bytes serialized (" + typeName(obj) + ") is larger"
                            + " than one part of a collective holds (2 GiB); send and recv carry it, with JMPI_DATA=direct");
        });
    }

    /**
     * One part as {@link #toPart} makes it, if it holds largestPart bytes at most; else the same
     * bytes as pieces, each array in one of its own ({@link Pieces#write}), for a stream to carry.
     */
    public ByteBuf[] toPartOrPieces(Object obj, IntFunction<ByteBuf> alloc, long largestPart) {
        return outOfBand(obj, Pieces.WHOLE_OUT_OF_BAND_FROM, (inBand, arrays) ->
                Pieces.partBytes(inBand, arrays) <= largestPart
                        ? new ByteBuf[] {Pieces.writePart(inBand, arrays, alloc)} : Pieces.write(inBand, arrays, alloc));
    }

    /**
     * Serializes obj into buffers from alloc: one, unless it holds primitive arrays of 1 MiB or more,
     * which come each in a piece of its own after the rest ({@link Pieces}). Fory writes the rest into
     * a scratch buffer of this thread, kept between calls unless it grew large, so each message costs
     * one copy and no array of its own. The caller owns the pieces.
     */
    public ByteBuf[] toPieces(Object obj, IntFunction<ByteBuf> alloc) {
        return outOfBand(obj, Pieces.OUT_OF_BAND_FROM, (inBand, arrays) -> Pieces.write(inBand, arrays, alloc));
    }

    /** What becomes of an object serialized: its in-band bytes, and the arrays left out of them. */
    private interface OutOfBand<R> {
        R write(MemoryBuffer inBand, List<BufferObject> arrays);
    }

    /**
     * Serializes obj into this thread's scratch buffer, leaving out the primitive arrays of from bytes
     * or more, and gives both to how, before the scratch buffer is kept for the next call.
     */
    private <R> R outOfBand(Object obj, int from, OutOfBand<R> how) {
        MemoryBuffer buf = scratch.get();
        scratch.remove();
        if (buf == null) {
            buf = MemoryBuffer.newHeapBuffer(SCRATCH);
        }
        buf.writerIndex(0);
        MemoryBuffer in = buf;
        List<BufferObject> arrays = new ArrayList<>();
        BufferCallback inBand = b -> b.totalBytes() < from || !arrays.add(b);
        MemoryBuffer written = serialize(obj, () -> fory().serialize(in, obj, inBand));
        try {
            return how.write(written, arrays);
        } finally {
            keepScratch(written);
        }
    }

    private void keepScratch(MemoryBuffer written) {
        if (written.size() <= KEEP_SCRATCH) {
            scratch.set(written);
        }
    }

    private <R> R serialize(Object obj, Supplier<R> how) {
        try {
            return how.get();
        } catch (InsecureException e) {
            throw refused(e, obj);
        } catch (MPIException e) {
            throw e;
        } catch (RuntimeException e) {
            Throwable c = e;
            while (c != null) {
                if (c instanceof InsecureException) {
                    throw refused((InsecureException) c, obj);
                }
                c = c.getCause();
            }
            throw new MPIException(MPI.ERR_ARG, "cannot serialize " + typeName(obj) + ": " + e, e);
        }
    }

    /** Deserializes bytes made by {@link #toBytes}; refuses any class that is not registered. */
    public Object fromBytes(byte[] bytes) {
        return fromBytes(Unpooled.wrappedBuffer(bytes));
    }

    /** Deserializes the readable bytes of a payload in place, without copying them out first. */
    public Object fromBytes(ByteBuf payload) {
        String refused = Pieces.refusal(payload);
        if (refused != null) {
            throw new MPIException(MPI.ERR_COUNT, refused);
        }
        return Pieces.marked(payload) ? fromPieces(Pieces.split(payload))
                : read(Pieces.memory(payload.readerIndex(), payload.readableBytes(), payload), List.of(),
                        payload.readableBytes());
    }

    /** Deserializes an object from the pieces {@link #toPieces} made (or from one buffer holding them all). */
    public Object fromPieces(ByteBuf[] pieces) {
        if (pieces.length == 1 || !Pieces.marked(pieces[0])) {
            return fromBytes(pieces[0]);
        }
        List<MemoryBuffer> arrays = new ArrayList<>(pieces.length - 1);
        long bytes = pieces[0].readableBytes();
        for (int i = 1; i < pieces.length; i++) {
            arrays.add(Pieces.memory(pieces[i].readerIndex(), pieces[i].readableBytes(), pieces[i]));
            bytes += pieces[i].readableBytes();
        }
        return read(Pieces.inBand(pieces[0]), arrays, bytes);
    }

    /** Reads an object; arrays are its out-of-band buffers, which Fory asks for only if it wrote some. */
    private Object read(MemoryBuffer in, List<MemoryBuffer> arrays, long size) {
        try {
            boolean outOfBand = in.size() > 0 && (in.getByte(0) & FORY_OUT_OF_BAND) != 0;
            return fory().deserialize(in, outOfBand ? arrays : null);
        } catch (InsecureException e) {
            throw refused(e, null);
        } catch (RuntimeException e) {
            Throwable c = e;
            while (c != null) {
                if (c instanceof InsecureException) {
                    throw refused((InsecureException) c, null);
                }
                c = c.getCause();
            }
            LOG.log(System.Logger.Level.DEBUG, "undecodable payload", e);
            throw new MPIException(MPI.ERR_OTHER, "cannot deserialize a payload of " + size + " bytes: " + e, e);
        }
    }

    /** The error for a refused class; sent is the object being serialized, null when reading. */
    private MPIException refused(InsecureException e, Object sent) {
        String why = MissingRegistration.explain(e.getMessage(), sent, loader)
                .orElseGet(() -> MissingRegistration.notAllowed(e.getMessage(), sent));
        return new MPIException(MPI.ERR_ARG, why, e);
    }

    private static String typeName(Object o) {
        return o == null ? "null" : o.getClass().getName();
    }
}
