package demo.outside;

import java.util.stream.LongStream;
import jmpi.op.Payload;

/** Count, sum, least and greatest of some numbers; two merge into the stats of both. */
@Payload
public record Stats(long count, long sum, long min, long max) {
    /** The stats of no numbers: merging it changes nothing. */
    public static final Stats EMPTY = new Stats(0, 0, Long.MAX_VALUE, Long.MIN_VALUE);

    public static Stats of(LongStream values) {
        return values.mapToObj(v -> new Stats(1, v, v, v)).reduce(EMPTY, Stats::merge);
    }

    public Stats merge(Stats other) {
        return new Stats(count + other.count, sum + other.sum, Math.min(min, other.min), Math.max(max, other.max));
    }
}
