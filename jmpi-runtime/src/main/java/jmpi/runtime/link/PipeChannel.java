package jmpi.runtime.link;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.ScatteringByteChannel;
import java.nio.channels.SocketChannel;
import jmpi.runtime.link.shm.Pipe;

/**
 * One end of a link's {@link Pipe} as a non-blocking channel, so that the code that writes frames to a
 * socket and reads them from one ({@link Gather}, {@link FrameReader}) moves them through shared
 * memory unchanged. The link's socket is the bell: a write rings a reader that sleeps, a read rings a
 * writer that waits for room. The pipe never ends; the socket's end says that the other side has gone.
 */
final class PipeChannel implements GatheringByteChannel, ScatteringByteChannel {
    private static final byte[] RING = {1};
    private static final int RING_READS = 4;

    final Pipe pipe;
    private final SocketChannel bell;
    private final ByteBuffer rings = ByteBuffer.allocate(64);

    PipeChannel(Pipe pipe, SocketChannel bell) {
        this.pipe = pipe;
        this.bell = bell;
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        long n = pipe.write(srcs, offset, length);
        if (n > 0 && pipe.mustRing()) {
            ring();
        }
        return n;
    }

    @Override
    public long write(ByteBuffer[] srcs) throws IOException {
        return write(srcs, 0, srcs.length);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return (int) write(new ByteBuffer[] {src}, 0, 1);
    }

    @Override
    public int read(ByteBuffer dst) {
        int n = pipe.read(dst);
        if (n > 0 && pipe.writerWaits()) {
            try {
                ring();
            } catch (IOException e) {
                // the writer has gone: the socket's end says so, after what it wrote has been read
            }
        }
        return n;
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) {
        long n = 0;
        for (int i = offset; i < offset + length; i++) {
            n += read(dsts[i]);
            if (dsts[i].hasRemaining()) {
                break;
            }
        }
        return n;
    }

    @Override
    public long read(ByteBuffer[] dsts) {
        return read(dsts, 0, dsts.length);
    }

    /** Writer, the pipe full: whether it still is, now that the reader has been asked to ring once it reads. */
    boolean stillFull() throws IOException {
        return pipe.awaitRoom();
    }

    /** Skips the rings that came on the socket, a few reads at most; true once the other side has closed it. */
    boolean skipRings() throws IOException {
        return skipRings(bell, rings);
    }

    /**
     * Skips what came on a bell socket, a few reads at most (a peer that floods it must not hold the
     * thread); true once the other side has closed it. What is left wakes the selector again.
     */
    static boolean skipRings(SocketChannel bell, ByteBuffer scratch) throws IOException {
        for (int i = 0; i < RING_READS; i++) {
            int n = bell.read(scratch.clear());
            if (n <= 0) {
                return n < 0;
            }
        }
        return false;
    }

    private void ring() throws IOException {
        // a socket too full for one more byte holds earlier rings, which wake the other side as well
        bell.write(ByteBuffer.wrap(RING));
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public void close() {
        // the pipe lives as long as its link; the link removes it
    }
}
