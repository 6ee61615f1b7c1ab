package jmpi.runtime.link;

import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.ScatteringByteChannel;
import jmpi.runtime.link.shm.Pipe;

/**
 * A {@link Pipe} as a non-blocking channel, so that the code that writes frames to a socket and reads
 * them from one ({@link Gather}, {@link FrameReader}) moves them through shared memory unchanged. It
 * never ends: the link's socket says when the other side has gone.
 */
final class PipeChannel implements GatheringByteChannel, ScatteringByteChannel {
    final Pipe pipe;

    PipeChannel(Pipe pipe) {
        this.pipe = pipe;
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) {
        return pipe.write(srcs, offset, length);
    }

    @Override
    public long write(ByteBuffer[] srcs) {
        return write(srcs, 0, srcs.length);
    }

    @Override
    public int write(ByteBuffer src) {
        return (int) write(new ByteBuffer[] {src}, 0, 1);
    }

    @Override
    public int read(ByteBuffer dst) {
        return pipe.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) {
        long n = 0;
        for (int i = offset; i < offset + length; i++) {
            int got = pipe.read(dsts[i]);
            n += got;
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

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public void close() {
        // the pipe lives as long as its link; the link removes it
    }
}
