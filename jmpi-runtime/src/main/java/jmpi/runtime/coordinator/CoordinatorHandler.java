package jmpi.runtime.coordinator;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import jmpi.runtime.link.Breakage;
import jmpi.runtime.link.HandshakeGuard;
import jmpi.runtime.wire.Bye;
import jmpi.runtime.wire.JobAborted;
import jmpi.runtime.wire.Call;
import jmpi.runtime.wire.Cancel;
import jmpi.runtime.wire.CommName;
import jmpi.runtime.wire.ErrorInfo;
import jmpi.runtime.wire.Frame;
import jmpi.runtime.wire.Hello;
import jmpi.runtime.wire.PeerQuery;
import jmpi.runtime.wire.Refused;
import jmpi.runtime.wire.Reply;

/** One rank's connection on the coordinator; new per channel, as it remembers which rank it is. */
final class CoordinatorHandler extends SimpleChannelInboundHandler<Frame> {
    private static final System.Logger LOG = System.getLogger(CoordinatorHandler.class.getName());

    /** How long the ranks have to say what they wait for when a rank asks for the roll-call. */
    private static final int ROLL_CALL_WAIT_SECONDS = 2;

    private final Engine engine;
    private RankPort port;
    private int rank = -1;

    CoordinatorHandler(Engine engine) {
        this.engine = engine;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        port = new ChannelPort(ctx.channel());
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Frame f) {
        if (rank < 0) {
            if (f instanceof Hello h) {
                rank = engine.hello(port, h);
                if (rank >= 0) {
                    HandshakeGuard.admitted(ctx.channel());
                }
            } else {
                reject(ctx, "the first frame must be a hello, not " + f.getClass().getSimpleName());
            }
            return;
        }
        if (f instanceof Call c) {
            engine.call(rank, c);
        } else if (f instanceof Cancel c) {
            engine.cancel(rank, c.reqId());
        } else if (f instanceof Bye) {
            engine.bye(rank);
        } else if (f instanceof JobAborted a) {
            engine.aborted(rank, a.code());
        } else if (f instanceof CommName n) {
            engine.named(rank, n);
        } else if (f instanceof PeerQuery q) {
            engine.peerQuery(rank, q);
        } else if (f instanceof jmpi.runtime.wire.RankReport r) {
            engine.threadDumps().report(rank, r);
        } else if (f instanceof jmpi.runtime.wire.RankQuery q) {
            // a rank whose operation timed out asks for the roll-call: it waits a few seconds at most
            int id = engine.rollCallFor(rank, q);
            ctx.executor().schedule(() -> engine.threadDumps().due(id), ROLL_CALL_WAIT_SECONDS,
                    java.util.concurrent.TimeUnit.SECONDS);
        } else {
            reject(ctx, "unexpected " + f.getClass().getSimpleName() + " frame from rank " + rank);
        }
    }

    private void reject(ChannelHandlerContext ctx, String why) {
        if (rank < 0) {
            HandshakeGuard.refused(ctx.channel(), why);
        } else {
            LOG.log(System.Logger.Level.WARNING, "closing the connection of rank {0} from {1}: {2}", rank,
                    ctx.channel().remoteAddress(), why);
        }
        ctx.writeAndFlush(new Refused(why)).addListener(f -> ctx.close());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        engine.flush();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        engine.writabilityChanged(port);
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        engine.writabilityChanged(port);
        engine.closed(rank);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // a malformed or oversize frame: drop this connection, keep the coordinator and the job. One line:
        // before the token anyone may send anything, and a stack trace would say nothing about them
        if (rank < 0) {
            HandshakeGuard.refused(ctx.channel(), String.valueOf(cause));
            ctx.close();
            return;
        }
        LOG.log(System.Logger.Level.WARNING, "closing the connection of rank " + rank + " from "
                + ctx.channel().remoteAddress() + ": " + Breakage.of(cause));
        LOG.log(System.Logger.Level.DEBUG, "the failure in full", cause);
        if (ctx.channel().isActive()) {
            ctx.writeAndFlush(Reply.error(-1, ErrorInfo.of(cause))).addListener(f -> ctx.close());
        }
    }
}
