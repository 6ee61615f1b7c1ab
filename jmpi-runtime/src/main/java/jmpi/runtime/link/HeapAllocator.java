package jmpi.runtime.link;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Heap buffers from the shared pool, where Netty's own choice would be direct memory: a socket
 * stream writes from arrays, in one call, where direct buffers go 8 KiB at a time.
 */
final class HeapAllocator extends AbstractByteBufAllocator {
    /** The one instance: frames of socket links are encoded into its buffers. */
    static final HeapAllocator HEAP = new HeapAllocator();

    private HeapAllocator() {
        super(false);
    }

    @Override
    public ByteBuf ioBuffer() {
        return heapBuffer();
    }

    @Override
    public ByteBuf ioBuffer(int initialCapacity) {
        return heapBuffer(initialCapacity);
    }

    @Override
    public ByteBuf ioBuffer(int initialCapacity, int maxCapacity) {
        return heapBuffer(initialCapacity, maxCapacity);
    }

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
        return ByteBufAllocator.DEFAULT.heapBuffer(initialCapacity, maxCapacity);
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
        return ByteBufAllocator.DEFAULT.directBuffer(initialCapacity, maxCapacity);
    }

    @Override
    public boolean isDirectBufferPooled() {
        return ByteBufAllocator.DEFAULT.isDirectBufferPooled();
    }
}
