package jmpi.runtime.link;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import jmpi.Config;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.runtime.wire.Bye;
import jmpi.runtime.wire.Frame;
import jmpi.runtime.wire.FrameCodec;
import jmpi.runtime.wire.Hello;

/**
 * A link a peer opened to this rank: its first frame must be a hello with the job's token and a rank
 * of the job, or the link is closed; after that its frames go to the rank's inbound handler. Closing
 * without a goodbye means the peer failed.
 */
final class PeerIn extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger(PeerIn.class.getName());

    private final Config config;
    private final LinkTable.Inbound inbound;
    private int rank = -1;
    private boolean saidBye;

    private final Map<Channel, Integer> open;

    private PeerIn(Config config, LinkTable.Inbound inbound, Map<Channel, Integer> open) {
        this.config = config;
        this.inbound = inbound;
        this.open = open;
    }

    /** Ends a new inbound link's pipeline (the listener's {@link HandshakeGuard} bounds it until the hello). */
    static void install(Channel ch, Config config, LinkTable.Inbound inbound, Map<Channel, Integer> open) {
        ch.pipeline().addLast("peer", new PeerIn(config, inbound, open));
        open.put(ch, -1);
        ch.closeFuture().addListener(f -> open.remove(ch));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Frame f = (Frame) msg;
        if (rank < 0) {
            String why = refusal(config, f);
            if (why != null) {
                ReferenceCountUtil.release(msg);
                HandshakeGuard.refused(ctx.channel(), why);
                ctx.close();
                return;
            }
            rank = ((Hello) f).rank();
            open.replace(ctx.channel(), rank);
            HandshakeGuard.admitted(ctx.channel());
            return;
        }
        if (f instanceof Bye) {
            saidBye = true;
            return;
        }
        inbound.frame(rank, f);
    }

    /** Why a link whose first frame is f is not admitted, or null if it shows a rank of this job and its token. */
    static String refusal(Config config, Frame f) {
        if (!(f instanceof Hello h)) {
            return "the first frame must be a hello, not " + f.type();
        }
        if (h.version() != FrameCodec.VERSION) {
            return "protocol version " + h.version() + " is not " + FrameCodec.VERSION;
        }
        if (h.size() != config.size() || h.rank() < 0 || h.rank() >= config.size()) {
            return "rank " + h.rank() + " of " + h.size() + " is not a rank of this job of " + config.size();
        }
        String token = config.token();
        boolean same = token == null ? h.token() == null : h.token() != null && MessageDigest.isEqual(
                token.getBytes(StandardCharsets.UTF_8), h.token().getBytes(StandardCharsets.UTF_8));
        return same ? null : "wrong job token";
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (rank >= 0 && !saidBye) {
            inbound.lost(rank, new MPIException(MPI.ERR_OTHER, "the link from rank " + rank + " closed before it finalized"));
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // a malformed frame or a stranger: this link goes, the rank and its other links stay
        if (rank < 0) {
            HandshakeGuard.refused(ctx.channel(), String.valueOf(cause));
        } else {
            LOG.log(System.Logger.Level.WARNING, "closing the link from rank " + rank + " at "
                    + ctx.channel().remoteAddress() + ": " + Breakage.of(cause));
        }
        ctx.close();
    }
}
