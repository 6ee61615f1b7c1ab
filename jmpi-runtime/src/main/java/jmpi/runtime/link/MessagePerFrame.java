package jmpi.runtime.link;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPipeline;

/**
 * Frames over a paced carrier (a gRPC stream): each frame is one message, and the carrier's readiness
 * is the back-pressure. While it is not ready, writes wait in the channel's outbound buffer, which past
 * {@code JMPI_SERIAL_QUEUE} bytes makes the channel unwritable; {@link VirtualChannel#ready()} resumes them.
 */
final class MessagePerFrame implements Framing {
    private final VirtualChannel ch;
    private final MessageCarrier carrier;

    MessagePerFrame(VirtualChannel ch, MessageCarrier carrier) {
        this.ch = ch;
        this.carrier = carrier;
    }

    @Override
    public void addCodec(ChannelPipeline p) {
        Netty.addMessageCodec(p);
    }

    @Override
    public void arrived(ByteBuf message) {
        ch.read(message);
    }

    @Override
    public void write(ChannelOutboundBuffer in) {
        Object msg;
        while ((msg = in.current()) != null && carrier.isReady()) {
            ByteBuf buf = (ByteBuf) msg;
            // the carrier's reference; the outbound buffer drops its own below
            buf.retain();
            try {
                carrier.send(buf);
            } catch (RuntimeException e) {
                // refused before the carrier took it (it releases what it takes)
                if (buf.refCnt() > 1) {
                    buf.release();
                }
                in.remove(e);
                continue;
            }
            in.remove();
        }
        carrier.flush();
        // what is left waits for the carrier's readiness
    }
}
