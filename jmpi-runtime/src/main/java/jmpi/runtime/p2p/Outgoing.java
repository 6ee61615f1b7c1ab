package jmpi.runtime.p2p;

import io.netty.buffer.ByteBuf;
import java.util.function.IntFunction;
import jmpi.runtime.elem.BufferView;

/**
 * The bytes of a message on its way out, read when they go. A small message goes whole, at once; a
 * large one goes in chunks after its receive has answered, and a buffer's elements are then copied
 * chunk by chunk, so the message is never staged whole.
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

    /** A message already in one buffer (serialized objects), whose reference passes here. */
    static Outgoing of(ByteBuf payload) {
        return new Outgoing() {
            @Override
            public long bytes() {
                return payload == null ? 0 : payload.readableBytes();
            }

            @Override
            public ByteBuf whole() {
                return payload;
            }

            @Override
            public ByteBuf chunk(long offset, int length) {
                return payload.retainedSlice(payload.readerIndex() + (int) offset, length);
            }

            @Override
            public void release() {
                if (payload != null) {
                    payload.release();
                }
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
