package jmpi.runtime.link.shm;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledDirectByteBuf;

/**
 * Bytes in a shared-memory segment. It holds one of its block's references and gives it back when
 * released; duplicates share it, so a frame encoder finds the block behind them with {@link #of}.
 */
public final class ShmBuf extends UnpooledDirectByteBuf {
    private final Segment segment;
    private final int block;
    private final int at;

    ShmBuf(Segment segment, int block, int at, int len) {
        // the mapping is the segment's: the buffer never frees it
        super(UnpooledByteBufAllocator.DEFAULT, segment.slice(at, len), len);
        this.segment = segment;
        this.block = block;
        this.at = at;
    }

    public Segment segment() {
        return segment;
    }

    public int block() {
        return block;
    }

    /** Where this buffer's first byte lies in the segment. */
    public int at() {
        return at;
    }

    /**
     * The shared-memory buffer whose whole index space b shares (b itself or a duplicate of it, at
     * any depth), or null: slices have indices of their own and are written as bytes.
     */
    public static ShmBuf of(ByteBuf b) {
        ByteBuf cur = b;
        while (cur != null) {
            if (cur instanceof ShmBuf s) {
                return s.capacity() == b.capacity() ? s : null;
            }
            cur = cur.unwrap();
        }
        return null;
    }

    @Override
    protected void deallocate() {
        super.deallocate();
        segment.release(block);
    }
}
