package jmpi.runtime.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;

/** Turns one length-delimited chunk into a {@link Frame}; follows a LengthFieldBasedFrameDecoder. */
public final class FrameDecoder extends MessageToMessageDecoder<ByteBuf> {
    public FrameDecoder() {
        super(ByteBuf.class);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf msg, List<Object> out) {
        out.add(FrameCodec.decode(msg, ctx.channel().hasAttr(SharedParts.KEY) ? ctx.channel().attr(SharedParts.KEY).get()
                : null));
    }
}
