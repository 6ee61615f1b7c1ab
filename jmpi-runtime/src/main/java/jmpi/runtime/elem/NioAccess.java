package jmpi.runtime.elem;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * How one element type is reached through java.nio: wrapping its array, viewing little-endian bytes
 * as its buffer type, bulk-copying between two such buffers. Every copy of {@link ElementType} is a
 * bulk nio copy between a user buffer (an array wrapped, or a slice of an nio buffer) and a typed view
 * of the bytes, so the JDK's copy loops (byte swapping included) do the work and no code here walks
 * elements one by one.
 *
 * @param <A> the primitive array type
 * @param <B> the nio buffer type
 */
final class NioAccess<A, B extends Buffer> {
    /** The three-argument {@code wrap(array, offset, length)} of an nio buffer type. */
    interface Wrap<A, B> {
        B wrap(A array, int off, int n);
    }

    private final Class<A> arrayClass;
    private final Class<B> bufferClass;
    private final Wrap<A, B> wrap;
    private final Function<ByteBuffer, B> view;
    private final BiConsumer<B, B> put;
    private final IntFunction<B> allocate;

    NioAccess(Class<A> arrayClass, Class<B> bufferClass, Wrap<A, B> wrap, Function<ByteBuffer, B> view,
            BiConsumer<B, B> put, IntFunction<B> allocate) {
        this.arrayClass = arrayClass;
        this.bufferClass = bufferClass;
        this.wrap = wrap;
        this.view = view;
        this.put = put;
        this.allocate = allocate;
    }

    Class<B> bufferClass() {
        return bufferClass;
    }

    /** Elements [off, off + n) of an array or of an nio buffer's remaining elements, as a buffer of their own. */
    private B elements(Object buf, int off, int n) {
        if (arrayClass.isInstance(buf)) {
            return wrap.wrap(arrayClass.cast(buf), off, n);
        }
        B b = bufferClass.cast(buf);
        // an absolute slice: the user's position and limit are read, never moved
        return bufferClass.cast(b.slice(b.position() + off, n));
    }

    /** The n elements' worth of little-endian bytes from le's position, as a buffer of this type. */
    private B bytes(ByteBuffer le, int n) {
        // a slice: le's position and byte order stay as the caller left them
        B v = view.apply(le.slice().order(ByteOrder.LITTLE_ENDIAN));
        v.limit(n);
        return v;
    }

    /** All of le's remaining little-endian bytes as a buffer of this type, at position 0. */
    B view(ByteBuffer le) {
        return view.apply(le.slice().order(ByteOrder.LITTLE_ENDIAN));
    }

    /** An array wrapped whole as its nio buffer. */
    B wrap(Object array) {
        A a = arrayClass.cast(array);
        return wrap.wrap(a, 0, java.lang.reflect.Array.getLength(a));
    }

    void encode(Object buf, int off, int n, ByteBuffer le) {
        put.accept(bytes(le, n), elements(buf, off, n));
    }

    void decode(ByteBuffer le, Object buf, int off, int n) {
        put.accept(elements(buf, off, n), bytes(le, n));
    }

    /** A heap buffer holding a copy of b's remaining elements, at position 0. */
    Buffer copy(Object buf) {
        B b = bufferClass.cast(buf);
        B c = allocate.apply(b.remaining());
        put.accept(c, bufferClass.cast(b.duplicate()));
        return c.flip();
    }
}
