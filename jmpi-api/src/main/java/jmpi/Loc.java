package jmpi;

/**
 * A value with an index, the value type of {@link Op#MINLOC} and {@link Op#MAXLOC}.
 *
 * @param <T> the type of the value
 * @param value the value compared
 * @param index where it came from (the sender's rank, unless the sender chose another)
 */
public record Loc<T>(T value, int index) {
}
