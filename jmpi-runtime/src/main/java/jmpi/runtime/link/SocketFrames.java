package jmpi.runtime.link;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ReferenceCountUtil;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import jmpi.Config;
import jmpi.runtime.wire.Frame;
import jmpi.runtime.wire.FrameCodec;
import jmpi.runtime.wire.SharedParts;

/**
 * The frames of a {@link SocketLink}'s socket: each written whole under one lock, so that frames of
 * several threads never interleave; read, cut and decoded by whichever thread holds the link's
 * reading lock, the only one that calls the reading half.
 */
final class SocketFrames {
    /** Frames are encoded into heap buffers: a socket stream writes from arrays. */
    static final ByteBufAllocator HEAP = HeapAllocator.HEAP;

    private final InputStream in;
    private final OutputStream out;
    private final ReentrantLock writing = new ReentrantLock();
    /** What was read and not yet decoded. */
    private final FrameReader inbound;

    SocketFrames(Socket socket, Config config) throws IOException {
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        // a frame and its length prefix must fit one buffer, whose size is an int
        this.inbound = new FrameReader(FrameReader.largest(config));
    }

    /** Encodes f (releasing it) and writes it whole; large parts may go through shm. */
    void write(Frame f, SharedParts shm) throws IOException {
        List<Object> bufs = new ArrayList<>(4);
        try {
            FrameCodec.encode(f, HEAP, bufs, shm);
        } catch (RuntimeException e) {
            release(bufs);
            throw e;
        } finally {
            ReferenceCountUtil.release(f);
        }
        writing.lock();
        try {
            for (Object o : bufs) {
                ByteBuf b = (ByteBuf) o;
                b.readBytes(out, b.readableBytes());
            }
        } finally {
            writing.unlock();
            release(bufs);
        }
    }

    private static void release(List<Object> bufs) {
        for (Object o : bufs) {
            ReferenceCountUtil.release(o);
        }
    }

    /** The next frame, reading until one is whole; null when a read timed out first. */
    Frame read(SharedParts shm) throws IOException {
        while (true) {
            Frame f = buffered(shm);
            if (f != null) {
                return f;
            }
            int n;
            try {
                n = inbound.readFrom(in, -1);
            } catch (SocketTimeoutException e) {
                return null;
            }
            if (n < 0) {
                throw new EOFException("the coordinator closed the connection");
            }
        }
    }

    /** Reads what has arrived, without waiting for more. */
    void readArrived() throws IOException {
        int ready = in.available();
        if (ready > 0) {
            inbound.readFrom(in, ready);
        }
    }

    /** The next frame if it has arrived whole (its parts the caller's to release), else null. */
    Frame buffered(SharedParts shm) {
        ByteBuf body = inbound.next();
        if (body == null) {
            return null;
        }
        try {
            return FrameCodec.decode(body, shm);
        } finally {
            body.release();
        }
    }

    /** Gives back what was read and not decoded. */
    void release() {
        inbound.release();
    }
}
