package jmpi.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jmpi.Op;
import jmpi.runtime.elem.BufferView;
import jmpi.runtime.elem.ElementType;
import jmpi.runtime.elem.Reductions;
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

/**
 * The coordinator's reduction of four ranks' buffers: in place over the received little-endian
 * bytes, against decoding them into arrays and reducing those (what an object-level fold costs).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ReduceBench {
    private static final int RANKS = 4;

    @Param({"1", "1024", "262144"})
    int elements;

    @Param({"INT", "DOUBLE"})
    String type;

    private ElementType dtype;
    private ByteBuf[] parts;

    @Setup(Level.Trial)
    public void setUp() {
        dtype = ElementType.valueOf(type);
        int bytes = elements * dtype.size();
        parts = new ByteBuf[RANKS];
        for (int r = 0; r < RANKS; r++) {
            parts[r] = PooledByteBufAllocator.DEFAULT.directBuffer(bytes);
            parts[r].writeZero(bytes);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        for (ByteBuf b : parts) {
            b.release();
        }
    }

    @Benchmark
    public ByteBuf inPlace() {
        Reductions.fold(dtype, Op.SUM, parts);
        return parts[0];
    }

    @Benchmark
    public Object viaArrays() {
        Object[] arrays = new Object[RANKS];
        for (int r = 0; r < RANKS; r++) {
            arrays[r] = BufferView.toArray(dtype, parts[r]);
        }
        Object sum = Op.SUM.reduce(List.of(arrays));
        BufferView v = BufferView.of(sum, "result");
        return v.readBuf(0, v.count()).release();
    }
}
