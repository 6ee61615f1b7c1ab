package jmpi.op;

/** What a {@link WireCodec} reads from. */
public interface WireInput {
    boolean readBoolean();

    byte readByte();

    short readShort();

    char readChar();

    int readInt();

    long readLong();

    float readFloat();

    double readDouble();

    String readString();

    /** Reads a value written by {@link WireOutput#writeObject}. */
    Object readObject();
}
