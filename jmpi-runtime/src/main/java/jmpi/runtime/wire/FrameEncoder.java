package jmpi.runtime.wire;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * Writes frames: a header buffer and, for large payloads, the payload buffers themselves, so the
 * socket gathers them without a copy. Stateless, so one instance serves every channel.
 */
@Sharable
public final class FrameEncoder extends MessageToMessageEncoder<Frame> {
    public static final FrameEncoder INSTANCE = new FrameEncoder();

    private FrameEncoder() {
        super(Frame.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Frame msg, List<Object> out) {
        // the encoder releases msg afterwards; what goes to out holds references of its own
        FrameCodec.encode(msg, ctx.alloc(), out, ctx.channel().attr(SharedParts.KEY).get());
    }
}
