package jmpi.runtime.link;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import jmpi.Config;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.runtime.link.tcp.TcpTransport;
import jmpi.runtime.wire.Bye;
import jmpi.runtime.wire.Frame;
import jmpi.runtime.wire.FrameCodec;
import jmpi.runtime.wire.Hello;

/**
 * This rank's link to one peer: looked up and connected on the first send, introduced with the job
 * token; frames sent meanwhile wait in order and go once it is open.
 */
final class PeerOut {
    private record Queued(Frame frame, CompletableFuture<Void> sent) {
    }

    private final Config config;
    private final EventLoopGroup group;
    private final int rank;
    private final LinkTable.Inbound inbound;
    private final ArrayDeque<Queued> queued = new ArrayDeque<>();
    private volatile Channel channel;
    private long queuedBytes;
    private Throwable broken;
    private boolean closing;

    PeerOut(Config config, EventLoopGroup group, int rank, IntFunction<CompletableFuture<PeerLocation>> directory,
            LinkTable.Inbound inbound) {
        this.config = config;
        this.group = group;
        this.rank = rank;
        this.inbound = inbound;
        // the directory may answer at once, and connect or fail the link before this returns
        MPIException nowhere = PeerAddress.lookUp(directory, rank, this::connect, this::fail);
        if (nowhere != null) {
            broken = nowhere;
        }
    }

    private void connect(PeerLocation where) {
        InetSocketAddress address = where.address();
        ChannelFuture f = TcpTransport.INSTANCE.connect(config, group, address.getHostString(), address.getPort(),
                new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        // a peer never answers on the link this rank opened
                        ReferenceCountUtil.release(msg);
                    }

                    @Override
                    public void channelInactive(ChannelHandlerContext ctx) {
                        closedByPeer();
                        wakeSenders();
                    }

                    @Override
                    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
                        wakeSenders();
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        ctx.close();
                    }
                });
        f.addListener(done -> {
            if (!done.isSuccess()) {
                fail(new MPIException(MPI.ERR_OTHER, "cannot reach rank " + rank + " at " + address + ": "
                        + done.cause().getMessage(), done.cause()));
                return;
            }
            Channel ch = f.channel();
            ch.write(new Hello(FrameCodec.VERSION, config.rank(), config.size(), config.token(), null, null));
            synchronized (this) {
                channel = ch;
                while (!queued.isEmpty()) {
                    Queued q = queued.poll();
                    write(ch, q.frame(), q.sent());
                }
                queuedBytes = 0;
                notifyAll();
            }
            ch.flush();
        });
    }

    /**
     * Sends f, first waiting while the link holds more than JMPI_SERIAL_QUEUE bytes unwritten (or, before
     * it opens, queued): the sender waits, as MPI allows, rather than the memory of both ranks growing.
     * The link's own thread never waits.
     */
    CompletableFuture<Void> send(Frame f) {
        awaitRoom();
        return enqueue(f);
    }

    private synchronized CompletableFuture<Void> enqueue(Frame f) {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        if (broken != null) {
            ReferenceCountUtil.release(f);
            sent.completeExceptionally(broken);
        } else if (channel == null) {
            queued.add(new Queued(f, sent));
            queuedBytes += FrameCodec.sizeHint(f);
        } else {
            // always through the link's task queue, in the order of this lock: a write made on the
            // link's own thread would otherwise go out at once, ahead of writes other threads queued
            // before it, and one sender's messages must arrive in the order it sent them
            Channel ch = channel;
            try {
                ch.eventLoop().execute(() -> {
                    write(ch, f, sent);
                    ch.flush();
                });
            } catch (RejectedExecutionException e) {
                ReferenceCountUtil.release(f);
                sent.completeExceptionally(new MPIException(MPI.ERR_COMM, "the link to rank " + rank + " is closed", e));
            }
        }
        return sent;
    }

    private static void write(Channel ch, Frame f, CompletableFuture<Void> sent) {
        ch.write(f).addListener(w -> {
            if (w.isSuccess()) {
                sent.complete(null);
            } else {
                sent.completeExceptionally(new MPIException(MPI.ERR_OTHER, "a message was not sent: " + w.cause(),
                        w.cause()));
            }
        });
    }

    private synchronized boolean roomFor() {
        return broken != null || (channel == null ? queuedBytes < config.serialQueue()
                : channel.isWritable() || !channel.isActive());
    }

    private void awaitRoom() {
        Channel ch = channel;
        if (ch != null && (ch.isWritable() || ch.eventLoop().inEventLoop())) {
            return;
        }
        // the links' loop is one thread (ClientLoop): it must never wait for itself
        if (group.next().inEventLoop()) {
            return;
        }
        synchronized (this) {
            while (!roomFor()) {
                try {
                    // woken when the link drains or opens; the timeout only bounds a missed wake-up
                    wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new MPIException(MPI.ERR_OTHER, "interrupted while waiting to send to rank " + rank, e);
                }
            }
        }
    }

    private synchronized void wakeSenders() {
        notifyAll();
    }

    private void fail(Throwable why) {
        synchronized (this) {
            broken = why;
            notifyAll();
            while (!queued.isEmpty()) {
                Queued q = queued.poll();
                ReferenceCountUtil.release(q.frame());
                q.sent().completeExceptionally(why);
            }
        }
        inbound.lost(rank, why);
    }

    /** The peer closed the link: it finalized, or failed (which its own link to this rank tells). */
    private synchronized void closedByPeer() {
        if (!closing && broken == null) {
            broken = new MPIException(MPI.ERR_OTHER, "rank " + rank + " has finalized or failed");
        }
    }

    /** Says goodbye and closes once all before it is written. */
    void close() {
        Channel ch;
        synchronized (this) {
            closing = true;
            ch = channel;
            if (broken == null) {
                broken = new MPIException(MPI.ERR_COMM, "this rank has finalized");
            }
            for (Queued q : queued) {
                ReferenceCountUtil.release(q.frame());
                q.sent().completeExceptionally(broken);
            }
            queued.clear();
        }
        if (ch != null && ch.isActive()) {
            ch.writeAndFlush(new Bye()).addListener(w -> ch.close());
            ch.closeFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }
}
