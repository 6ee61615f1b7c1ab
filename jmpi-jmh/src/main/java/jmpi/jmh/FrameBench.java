package jmpi.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jmpi.runtime.elem.ElementType;
import jmpi.runtime.wire.Call;
import jmpi.runtime.wire.SendCall;
import jmpi.runtime.wire.Frame;
import jmpi.runtime.wire.FrameCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** Writing and reading one Call frame: the per-message cost on both ends of a connection. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FrameBench {
    @Param({"8", "65536", "4194304"})
    int bytes;

    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private ByteBuf payload;
    private ByteBuf encoded;

    @Setup(Level.Trial)
    public void setUp() {
        payload = alloc.directBuffer(bytes);
        payload.writeZero(bytes);
        encoded = alloc.directBuffer();
        FrameCodec.encode(call(), encoded);
        encoded.skipBytes(4);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        payload.release();
        encoded.release();
    }

    private Call call() {
        return SendCall.of(1, 0, 1, 7, false, ElementType.BYTE.code(), payload.retainedDuplicate());
    }

    /** The pipeline's encoder: a header, and large payloads by reference. */
    @Benchmark
    public int encodeByReference() {
        Call c = call();
        List<Object> out = new ArrayList<>(4);
        FrameCodec.encode(c, alloc, out);
        c.release();
        int n = 0;
        for (Object o : out) {
            ByteBuf b = (ByteBuf) o;
            n += b.readableBytes();
            b.release();
        }
        return n;
    }

    /** Encoding into one buffer, copying the payload: what brokers and streams need. */
    @Benchmark
    public int encodeByCopy() {
        Call c = call();
        ByteBuf out = alloc.directBuffer(bytes + 128);
        FrameCodec.encode(c, out);
        c.release();
        int n = out.readableBytes();
        out.release();
        return n;
    }

    /** Decoding: the payload becomes a slice of what was read. */
    @Benchmark
    public long decode() {
        Frame f = FrameCodec.decode(encoded.duplicate());
        long n = ((Call) f).payloadBytes();
        ((Call) f).release();
        return n;
    }
}
