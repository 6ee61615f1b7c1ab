package jmpi.op;

/** Where a {@link Registration} puts its types. */
public interface TypeRegistry {
    /**
     * Allows type on the wire under a name that every rank shares, written and read by codec
     * (no reflection).
     *
     * @param type  the class
     * @param name  its name on the wire, the same on every rank
     * @param codec writes and reads its values
     * @param <T>   the type
     */
    <T> void register(Class<T> type, String name, WireCodec<T> codec);
}
