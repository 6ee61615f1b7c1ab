package jmpi.op;

/**
 * Writes and reads the components of one type; generated for every {@code @Operation} and payload type.
 *
 * @param <T> the type
 */
public interface WireCodec<T> {
    /**
     * Writes value's components in a fixed order.
     *
     * @param out where to write
     * @param value the value
     */
    void write(WireOutput out, T value);

    /**
     * Reads the components in the order {@link #write} wrote them and builds the value.
     *
     * @param in where to read
     * @return the value
     */
    T read(WireInput in);
}
