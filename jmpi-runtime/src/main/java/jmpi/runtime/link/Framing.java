package jmpi.runtime.link;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPipeline;
import jmpi.Config;

/**
 * How a {@link VirtualChannel}'s frames ride its carrier's messages, chosen by what the carrier promises
 * ({@link MessageCarrier.Delivery}): one frame per message on a paced carrier ({@link MessagePerFrame}),
 * a numbered, windowed byte stream on a relayed one ({@link RelayedStream}). Runs on the channel's loop.
 */
interface Framing {
    static Framing of(VirtualChannel ch, MessageCarrier carrier, Config config) {
        return switch (carrier.delivery()) {
            case PACED -> new MessagePerFrame(ch, carrier);
            case RELAYED -> new RelayedStream(ch, carrier, config);
        };
    }

    /** The frame codec this framing calls for, in front of the business handler. */
    void addCodec(ChannelPipeline p);

    /** A message from the peer, released here; the frame bytes in it go to {@link VirtualChannel#read}. */
    void arrived(ByteBuf message);

    /** Hands the carrier what the pipeline flushed, as far as the carrier lets it. */
    void write(ChannelOutboundBuffer in);

    /** The channel closes: runs {@code then} once the last frames are with the carrier. */
    default void finish(Runnable then) {
        then.run();
    }

    /** Nothing more can be sent: a close that waits finishes at once. */
    default void carrierGone() {
    }

    /** The channel is closed: drops what was never sent. */
    default void discard() {
    }
}
