package jmpi.transport.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import jmpi.runtime.wire.FrameType;
import jmpi.runtime.wire.Hello;
import jmpi.runtime.wire.MalformedFrameException;
import org.junit.jupiter.api.Test;

/** A frame is one gRPC message: the frame without its length prefix, both ways. */
class MessageCodecTest {

    private static EmbeddedChannel pipeline() {
        EmbeddedChannel ch = new EmbeddedChannel();
        GrpcTransport.addCodec(ch.pipeline());
        return ch;
    }

    @Test
    void aFrameIsOneMessageWithoutItsLengthPrefix() {
        EmbeddedChannel ch = pipeline();
        Hello hello = new Hello(1, 2, 4, "token");
        ch.writeOutbound(hello);
        ByteBuf message = ch.readOutbound();
        // type byte, version, rank, size, the token as a string, then no shared-memory segment, no
        // data link and no host name (-1 each)
        assertEquals(1 + 4 + 4 + 4 + 4 + 5 + 4 + 4 + 4, message.readableBytes());
        assertEquals(FrameType.HELLO.code(), message.getByte(message.readerIndex()));
        ch.writeInbound(message);
        assertEquals(hello, ch.readInbound());
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void aMalformedMessageFailsInThePipelineAndIsReleased() {
        EmbeddedChannel ch = pipeline();
        ByteBuf junk = Unpooled.buffer().writeByte(42).writeZero(8);
        DecoderException e = assertThrows(DecoderException.class, () -> ch.writeInbound(junk));
        assertInstanceOf(MalformedFrameException.class, e.getCause());
        assertEquals(0, junk.refCnt());
        assertFalse(ch.finishAndReleaseAll());
    }
}
