package jmpi.runtime.link;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Stands at the door of a listener's connection until it has shown the job token: frames of a few KiB
 * at most, whole, so that a stranger cannot make this process hold a large one; a deadline for the
 * hello; and a place among the listener's {@link Doorway} few. Whoever checks the token calls
 * {@link #admitted}, and this handler steps aside: what follows goes on to the framer as it came.
 * New per channel: it keeps the deadline.
 */
public final class HandshakeGuard extends ByteToMessageDecoder {
    static final String NAME = "handshake-guard";
    /** The largest frame before the token: a hello, with a token, a rank and a few names. */
    static final int LIMIT = 4096;
    private static final System.Logger LOG = System.getLogger(HandshakeGuard.class.getName());

    private final Doorway doorway;
    private boolean counted;
    /** Whether a frame is on its way downstream now, where it may be found to admit the connection. */
    private boolean passing;
    private boolean admitted;
    private ScheduledFuture<?> deadline;

    HandshakeGuard(Doorway doorway) {
        this.doorway = doorway;
    }

    /** Puts a guard first in a new connection's pipeline (after TLS, whose handshake its deadline covers). */
    public static void install(Channel ch, Doorway doorway) {
        ch.pipeline().addLast(NAME, new HandshakeGuard(doorway));
    }

    /** The connection showed the job token: its frames may now be as large as the job allows. */
    public static void admitted(Channel ch) {
        if (ch.pipeline().get(NAME) instanceof HandshakeGuard g) {
            g.admitted = true;
            if (!g.passing) {
                ch.pipeline().remove(g);
            }
        }
    }

    /**
     * Logs that a connection not admitted is refused, one line at most; the caller closes it. Through its
     * listener's rate-limited log when it has a guard; other transports' connections come through a
     * broker or a proxy, not from anyone, and get their line as before.
     */
    public static void refused(Channel ch, String why) {
        if (ch.pipeline().get(NAME) instanceof HandshakeGuard g) {
            g.doorway.refused(ch, why);
        } else {
            LOG.log(System.Logger.Level.WARNING, "refused a connection from {0}: {1}", ch.remoteAddress(), why);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (!doorway.enter()) {
            refuse(ctx, "more than " + Doorway.MAX_PENDING + " connections wait to show the job token");
            return;
        }
        counted = true;
        deadline = ctx.executor().schedule(() -> refuse(ctx, "no job token within " + Doorway.DEADLINE_SECONDS + " s"),
                Doorway.DEADLINE_SECONDS, TimeUnit.SECONDS);
        super.channelActive(ctx);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < 4) {
            return;
        }
        int length = in.getInt(in.readerIndex());
        if (length < 1 || length > LIMIT) {
            in.skipBytes(in.readableBytes());
            refuse(ctx, "a frame of " + Integer.toUnsignedString(length) + " bytes before the job token (at most "
                    + LIMIT + ")");
            return;
        }
        if (in.readableBytes() < 4 + length) {
            return;
        }
        // passed on now, prefix and all, and read to the end downstream (the hello is read where it is
        // checked), so that an admitted connection's next frame, large as it may be, never meets this limit
        passing = true;
        try {
            ctx.fireChannelRead(in.readRetainedSlice(4 + length));
        } finally {
            passing = false;
        }
        if (admitted) {
            // removed from within decode: what is left goes on to the framer once this returns, not
            // into the framer while it is still reading the hello
            ctx.pipeline().remove(this);
        }
    }

    private void refuse(ChannelHandlerContext ctx, String why) {
        if (ctx.channel().isOpen()) {
            doorway.refused(ctx.channel(), why);
            ctx.close();
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        // admitted, or closed: either way no longer waiting at the door
        if (deadline != null) {
            deadline.cancel(false);
        }
        if (counted) {
            counted = false;
            doorway.leave();
        }
    }
}
