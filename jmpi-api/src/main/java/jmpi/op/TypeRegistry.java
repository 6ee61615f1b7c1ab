package jmpi.op;

/** Where a {@link Registration} puts its types. */
public interface TypeRegistry {
    /**
     * Allows type on the wire under a name that every rank shares, written and read by codec
     * (no reflection).
     */
    <T> void register(Class<T> type, String name, WireCodec<T> codec);
}
