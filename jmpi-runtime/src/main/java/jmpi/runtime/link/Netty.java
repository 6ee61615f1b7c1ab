package jmpi.runtime.link;

import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.SingleThreadIoEventLoop;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.runtime.wire.FrameDecoder;
import jmpi.runtime.wire.FrameEncoder;

/** Netty plumbing every transport shares: event loops (native epoll where present, NIO otherwise), socket channel classes, the frame codec. */
public final class Netty {
    /** Bytes of frame header on top of the payload limit. */
    private static final int HEADER_ALLOWANCE = 1 << 16;
    /** The most payload one frame carries: a frame's length is an int. */
    public static final long LARGEST_PAYLOAD = Integer.MAX_VALUE - HEADER_ALLOWANCE;

    private Netty() {
    }

    public static boolean epoll() {
        return Epoll.isAvailable() && !Boolean.getBoolean("jmpi.nio");
    }

    /**
     * A group of daemon threads, so that a program that forgets Finalize can still exit. One thread is
     * one loop without a group around it: a group's shutdown notifies it through Netty's global
     * executor, whose thread is not a daemon and keeps the JVM from exiting for a second.
     */
    public static EventLoopGroup newGroup(int threads, String name) {
        IoHandlerFactory f = epoll() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        DefaultThreadFactory factory = new DefaultThreadFactory(name, true);
        if (threads == 1) {
            return new SingleThreadIoEventLoop(null, factory, f);
        }
        return new MultiThreadIoEventLoopGroup(threads, factory, f);
    }

    public static Class<? extends SocketChannel> socketChannel() {
        return epoll() ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    public static Class<? extends ServerChannel> serverChannel() {
        return epoll() ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** Bytes above which a frame being read is kept as a list of the buffers read, not merged into one. */
    private static final int COMPOSE_ABOVE = 64 << 10;

    /**
     * Frames hand out slices of what was read, which keep the read buffers alive; merging the next read
     * into such a shared buffer would copy it into a new one, again and again as a large frame grows.
     * So large frames are composed of the buffers as read (no copy), small ones merged as usual.
     */
    private static final ByteToMessageDecoder.Cumulator CUMULATOR = (alloc, cumulation, in) ->
            cumulation instanceof CompositeByteBuf || cumulation.readableBytes() + in.readableBytes() > COMPOSE_ABOVE
                    ? ByteToMessageDecoder.COMPOSITE_CUMULATOR.cumulate(alloc, cumulation, in)
                    : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(alloc, cumulation, in);

    /** The largest frame body a connection accepts: the payload limit and room for the header. */
    public static int maxFrame(long serialSize) {
        return (int) Math.min(Integer.MAX_VALUE, serialSize + HEADER_ALLOWANCE);
    }

    /**
     * Fails when a message is larger than the coordinator relays: it would have to hold the message
     * whole, in one frame, until its receive comes. Ranks with links of their own send larger ones to
     * each other in chunks, so the error names that option.
     */
    public static void checkRelayable(long bytes) {
        if (bytes > LARGEST_PAYLOAD) {
            throw new MPIException(MPI.ERR_COUNT, "a message of " + bytes + " bytes is larger than the coordinator"
                    + " relays (" + LARGEST_PAYLOAD + " bytes); with JMPI_DATA=direct ranks send it to each"
                    + " other in chunks");
        }
    }

    /** A frame per message, for carriers that delimit their messages themselves (no length prefix). */
    public static void addMessageCodec(ChannelPipeline p) {
        p.addLast("decoder", new FrameDecoder());
        p.addLast("encoder", MessageEncoder.INSTANCE);
    }

    /** Length framing, then frame decoding and encoding, in front of the business handler. */
    public static void addCodec(ChannelPipeline p, long serialSize) {
        LengthFieldBasedFrameDecoder framer = new LengthFieldBasedFrameDecoder(maxFrame(serialSize), 0, 4, 0, 4);
        framer.setCumulator(CUMULATOR);
        p.addLast("framer", framer);
        p.addLast("decoder", new FrameDecoder());
        p.addLast("encoder", FrameEncoder.INSTANCE);
    }
}
