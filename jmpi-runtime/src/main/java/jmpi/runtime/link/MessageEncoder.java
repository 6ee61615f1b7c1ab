package jmpi.runtime.link;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;
import jmpi.runtime.wire.Frame;
import jmpi.runtime.wire.FrameCodec;

/**
 * Writes a frame as one message of a carrier that delimits its messages itself (a gRPC stream): the
 * frame without its length prefix. The base class releases the frame once encoded, as frames may hold payload
 * buffers. Stateless, so one instance serves every channel.
 */
@Sharable
final class MessageEncoder extends MessageToMessageEncoder<Frame> {
    static final MessageEncoder INSTANCE = new MessageEncoder();

    /** What {@link FrameCodec#encode} writes ahead of the frame. */
    private static final int LENGTH_PREFIX = 4;

    private MessageEncoder() {
        super(Frame.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Frame frame, List<Object> out) {
        // on the heap: gRPC copies a message out of its byte array in one go
        ByteBuf buf = ctx.alloc().heapBuffer(FrameCodec.sizeHint(frame));
        try {
            FrameCodec.encode(frame, buf);
            buf.skipBytes(LENGTH_PREFIX);
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
        out.add(buf);
    }
}
