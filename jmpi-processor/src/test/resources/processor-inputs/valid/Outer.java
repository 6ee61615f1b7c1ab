package demo;

import java.util.Optional;
import jmpi.op.Payload;

public final class Outer {
    private Outer() {
    }

    @Payload
    public record Inner(String name, long[] values, Optional<Shade> shade, char initial) {
    }
}
