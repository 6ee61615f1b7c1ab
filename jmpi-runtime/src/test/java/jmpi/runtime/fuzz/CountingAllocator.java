package jmpi.runtime.fuzz;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledDirectByteBuf;
import io.netty.buffer.UnpooledHeapByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * An allocator that remembers every buffer it made and the largest capacity asked of it, so that a
 * property can say "nothing leaked" and "no allocation beyond what the input could justify".
 */
public final class CountingAllocator extends AbstractByteBufAllocator {
    private final List<ByteBuf> made = new ArrayList<>();
    private long largest;

    public CountingAllocator() {
        super(false);
    }

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
        return note(new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity));
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
        return note(new UnpooledDirectByteBuf(this, initialCapacity, maxCapacity));
    }

    private ByteBuf note(ByteBuf b) {
        largest = Math.max(largest, b.capacity());
        made.add(b);
        return b;
    }

    @Override
    public boolean isDirectBufferPooled() {
        return false;
    }

    /** The largest capacity any buffer was made with. */
    public long largest() {
        return largest;
    }

    /** How many buffers it made are still referenced. */
    public long unreleased() {
        return made.stream().filter(b -> b.refCnt() > 0).count();
    }

    /** The buffers still referenced, with their bytes, for a failure's message. */
    public String describeUnreleased() {
        StringBuilder s = new StringBuilder();
        for (ByteBuf b : made) {
            if (b.refCnt() > 0) {
                s.append(b).append(" refCnt ").append(b.refCnt()).append('\n');
            }
        }
        return s.toString();
    }
}
