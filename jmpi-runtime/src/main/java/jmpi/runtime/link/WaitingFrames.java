package jmpi.runtime.link;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.channels.GatheringByteChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import jmpi.runtime.wire.Frame;
import jmpi.runtime.wire.FrameCodec;
import jmpi.runtime.wire.SharedParts;

/**
 * The encoded frames of one outgoing link that its socket or pipe could not take at once, in order,
 * with the bytes they hold. Not thread-safe: its link guards it.
 */
final class WaitingFrames {
    private record Waiting(ByteBuf[] bufs, CompletableFuture<Void> sent, long bytes) {
    }

    private final ArrayDeque<Waiting> frames = new ArrayDeque<>();
    private long bytes;

    /** A frame's bytes as the buffers to write, naming blocks of shared memory where shared says so. */
    static ByteBuf[] encode(Frame f, SharedParts shared) {
        List<Object> out = new ArrayList<>(4);
        FrameCodec.encode(f, ByteBufAllocator.DEFAULT, out, shared);
        return out.toArray(new ByteBuf[0]);
    }

    static long size(ByteBuf[] bufs) {
        long n = 0;
        for (ByteBuf b : bufs) {
            n += b.readableBytes();
        }
        return n;
    }

    static void release(ByteBuf[] bufs) {
        for (ByteBuf b : bufs) {
            ReferenceCountUtil.release(b);
        }
    }

    boolean isEmpty() {
        return frames.isEmpty();
    }

    long bytes() {
        return bytes;
    }

    /** Puts a frame ahead of all (the hello, written before any other); nobody waits for it. */
    void first(ByteBuf[] bufs) {
        frames.addFirst(new Waiting(bufs, null, 0));
    }

    /** Puts a frame behind all; completes once its last byte is written. */
    CompletableFuture<Void> add(ByteBuf[] bufs) {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        long n = size(bufs);
        frames.add(new Waiting(bufs, sent, n));
        bytes += n;
        return sent;
    }

    /** Writes what waits, in order, as far as sink takes it; true if something is still waiting. */
    boolean writeTo(GatheringByteChannel sink) throws IOException {
        while (!frames.isEmpty()) {
            Waiting w = frames.peek();
            if (!Gather.write(sink, w.bufs())) {
                if (sink instanceof PipeChannel p && !p.stillFull()) {
                    continue; // the reader made room meanwhile
                }
                return true;
            }
            frames.poll();
            bytes -= w.bytes();
            release(w.bufs());
            if (w.sent() != null) {
                w.sent().complete(null);
            }
        }
        return false;
    }

    /** Drops what waits, failing whoever waits for it. */
    void fail(Throwable why) {
        Waiting w;
        while ((w = frames.poll()) != null) {
            release(w.bufs());
            if (w.sent() != null) {
                w.sent().completeExceptionally(why);
            }
        }
        bytes = 0;
    }
}
