package jmpi.runtime.p2p;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import jmpi.runtime.elem.BufferView;
import jmpi.runtime.wire.Parts;

/**
 * The bytes of a message on its way out, read when they go. A small message goes whole, at once; a
 * large one goes in chunks after its receive has answered, and a buffer's elements are then copied
 * chunk by chunk, so the message is never staged whole. A message's bytes may exceed 2 GiB: an object
 * in pieces, or a long[] array; a chunk never does.
 */
public interface Outgoing {
    /** How many bytes the message holds. */
    long bytes();

    /** All of the message as one buffer, which the caller then owns. */
    ByteBuf whole();

    /** length bytes from offset (a multiple of the element size) as a buffer the caller owns. */
    ByteBuf chunk(long offset, int length);

    /** Lets go of what it holds; nothing is read after. */
    void release();

    /**
     * A message already in buffers (a serialized object: one, or its pieces, each below 2 GiB), whose
     * references pass here; none (null) for an empty message.
     */
    static Outgoing of(ByteBuf... pieces) {
        long total = 0;
        for (ByteBuf p : pieces) {
            total += p == null ? 0 : p.readableBytes();
        }
        long bytes = total;
        return new Outgoing() {
            @Override
            public long bytes() {
                return bytes;
            }

            @Override
            public ByteBuf whole() {
                if (pieces.length == 1) {
                    return pieces[0];
                }
                if (bytes > Integer.MAX_VALUE) {
                    throw new IllegalStateException("a message of " + bytes + " bytes cannot be one buffer");
                }
                return Unpooled.wrappedBuffer(pieces);
            }

            @Override
            public ByteBuf chunk(long offset, int length) {
                List<ByteBuf> slices = new ArrayList<>(2);
                long start = 0;
                for (ByteBuf p : pieces) {
                    long end = start + p.readableBytes();
                    if (end > offset && start < offset + length) {
                        int from = (int) (Math.max(offset, start) - start);
                        int to = (int) (Math.min(offset + length, end) - start);
                        slices.add(p.retainedSlice(p.readerIndex() + from, to - from));
                    }
                    start = end;
                }
                return slices.size() == 1 ? slices.get(0) : Unpooled.wrappedBuffer(slices.toArray(new ByteBuf[0]));
            }

            @Override
            public void release() {
                Parts.release(pieces);
            }
        };
    }

    /** The elements of a user's buffer, copied into buffers from alloc as they go. */
    static Outgoing of(BufferView view, IntFunction<ByteBuf> alloc) {
        int size = view.type().size();
        return new Outgoing() {
            @Override
            public long bytes() {
                return (long) view.count() * size;
            }

            @Override
            public ByteBuf whole() {
                return view.readBuf(0, view.count(), alloc);
            }

            @Override
            public ByteBuf chunk(long offset, int length) {
                return view.readBuf((int) (offset / size), length / size, alloc);
            }

            @Override
            public void release() {
                // the user's buffer is the user's
            }
        };
    }
}
