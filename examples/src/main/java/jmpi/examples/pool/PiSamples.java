package jmpi.examples.pool;

import java.util.SplittableRandom;
import jmpi.exec.Task;
import jmpi.op.Payload;

/**
 * A task of the Monte-Carlo estimate of π: throws samples random points into the unit square and
 * counts those inside the quarter circle. Only the two numbers cross the wire; every rank has the code.
 */
@Payload
public record PiSamples(long seed, int samples) implements Task<Long> {
    @Override
    public Long call() {
        SplittableRandom random = new SplittableRandom(seed);
        long inside = 0;
        for (int i = 0; i < samples; i++) {
            double x = random.nextDouble();
            double y = random.nextDouble();
            if (x * x + y * y <= 1) {
                inside++;
            }
        }
        return inside;
    }
}
