package jmpi.jmh;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jmpi.runtime.serial.ObjectSerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Serializing and deserializing the objects of the object API with Fory, as every rank does. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SerializerBench {
    @Param({"int", "byte[1024]", "list", "map"})
    String value;

    private ObjectSerializer serial;
    private Object object;
    private byte[] bytes;

    @Setup
    public void setUp() {
        serial = new ObjectSerializer(List.of(), SerializerBench.class.getClassLoader());
        object = switch (value) {
            case "int" -> 42;
            case "byte[1024]" -> new byte[1024];
            case "list" -> List.of("alpha", "beta", "gamma", 1, 2L, 3.0);
            default -> Map.of("rank", 3, "name", "worker", "scores", new double[] {1, 2, 3});
        };
        bytes = serial.toBytes(object);
    }

    @Benchmark
    public byte[] serialize() {
        return serial.toBytes(object);
    }

    @Benchmark
    public Object deserialize() {
        return serial.fromBytes(bytes);
    }
}
