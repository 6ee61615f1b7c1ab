package jmpi.op;

/** What a {@link WireCodec} writes to. */
public interface WireOutput {
    void writeBoolean(boolean v);

    void writeByte(byte v);

    void writeShort(short v);

    void writeChar(char v);

    void writeInt(int v);

    void writeLong(long v);

    void writeFloat(float v);

    void writeDouble(double v);

    /** Writes a string, or null. */
    void writeString(String v);

    /** Writes any allowed value, or null: boxes, arrays, collections, registered types. */
    void writeObject(Object v);
}
