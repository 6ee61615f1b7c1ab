package jmpi.op;

/** What a {@link WireCodec} reads from. */
public interface WireInput {
    /**
     * Reads a {@code boolean}.
     *
     * @return the value
     */
    boolean readBoolean();

    /**
     * Reads a {@code byte}.
     *
     * @return the value
     */
    byte readByte();

    /**
     * Reads a {@code short}.
     *
     * @return the value
     */
    short readShort();

    /**
     * Reads a {@code char}.
     *
     * @return the value
     */
    char readChar();

    /**
     * Reads a {@code int}.
     *
     * @return the value
     */
    int readInt();

    /**
     * Reads a {@code long}.
     *
     * @return the value
     */
    long readLong();

    /**
     * Reads a {@code float}.
     *
     * @return the value
     */
    float readFloat();

    /**
     * Reads a {@code double}.
     *
     * @return the value
     */
    double readDouble();

    /**
     * Reads a string written by {@link WireOutput#writeString}.
     *
     * @return the string, or null
     */
    String readString();

    /**
     * Reads a value written by {@link WireOutput#writeObject}.
     *
     * @return the value, or null
     */
    Object readObject();
}
