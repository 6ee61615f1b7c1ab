package jmpi.runtime.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.MessageSizeEstimator;

/** Counts a frame waiting to be written by its payload, so that a channel's writability means something. */
public final class FrameSizeEstimator implements MessageSizeEstimator {
    public static final FrameSizeEstimator INSTANCE = new FrameSizeEstimator();

    private static final Handle HANDLE = msg -> {
        if (msg instanceof ByteBuf b) {
            return b.readableBytes();
        } else if (msg instanceof Frame f) {
            return (int) Math.min(Integer.MAX_VALUE, FrameCodec.sizeHint(f));
        }
        return 8;
    };

    private FrameSizeEstimator() {
    }

    @Override
    public Handle newHandle() {
        return HANDLE;
    }
}
