package jmpi.runtime.link;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;
import java.util.List;

/**
 * Before a connection has shown the job token its first frame, the hello, may be a few KiB at most:
 * a stranger cannot make this process allocate a large frame. Once the length of the first frame is
 * seen and allowed, this handler steps aside and the bytes go on to the framer as they came.
 */
final class FirstFrameLimit extends ByteToMessageDecoder {
    /** The largest hello accepted: a token, a rank and a few names. */
    static final int LIMIT = 4096;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < 4) {
            return;
        }
        int length = in.getInt(in.readerIndex());
        if (length < 1 || length > LIMIT) {
            in.skipBytes(in.readableBytes());
            throw new TooLongFrameException("a first frame of " + length + " bytes, more than a hello's " + LIMIT);
        }
        // removing a decoder passes what it holds on down the pipeline, unread
        ctx.pipeline().remove(this);
    }
}
