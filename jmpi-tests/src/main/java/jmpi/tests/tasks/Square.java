package jmpi.tests.tasks;

import jmpi.exec.Task;
import jmpi.op.Payload;

/** A task that returns x squared, or throws when asked to. */
@Payload
public record Square(long x, boolean fails) implements Task<Long> {
    public static Square of(long x) {
        return new Square(x, false);
    }

    public static Square failing(long x) {
        return new Square(x, true);
    }

    /** The message of the exception a failing one throws. */
    public static String message(long x) {
        return "no square of " + x;
    }

    @Override
    public Long call() {
        if (fails) {
            throw new IllegalStateException(message(x));
        }
        return x * x;
    }
}
