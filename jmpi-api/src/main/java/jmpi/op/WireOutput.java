package jmpi.op;

/** What a {@link WireCodec} writes to. */
public interface WireOutput {
    /**
     * Writes a {@code boolean}.
     *
     * @param v the value
     */
    void writeBoolean(boolean v);

    /**
     * Writes a {@code byte}.
     *
     * @param v the value
     */
    void writeByte(byte v);

    /**
     * Writes a {@code short}.
     *
     * @param v the value
     */
    void writeShort(short v);

    /**
     * Writes a {@code char}.
     *
     * @param v the value
     */
    void writeChar(char v);

    /**
     * Writes a {@code int}.
     *
     * @param v the value
     */
    void writeInt(int v);

    /**
     * Writes a {@code long}.
     *
     * @param v the value
     */
    void writeLong(long v);

    /**
     * Writes a {@code float}.
     *
     * @param v the value
     */
    void writeFloat(float v);

    /**
     * Writes a {@code double}.
     *
     * @param v the value
     */
    void writeDouble(double v);

    /**
     * Writes a string, or null.
     *
     * @param v the string
     */
    void writeString(String v);

    /**
     * Writes any allowed value, or null: boxes, arrays, collections, registered types.
     *
     * @param v the value
     */
    void writeObject(Object v);
}
