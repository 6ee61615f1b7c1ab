package jmpi.runtime.serial;

import java.nio.charset.StandardCharsets;
import jmpi.op.WireCodec;
import jmpi.op.WireInput;
import jmpi.op.WireOutput;
import org.apache.fory.config.Config;
import org.apache.fory.context.ReadContext;
import org.apache.fory.context.WriteContext;
import org.apache.fory.memory.MemoryBuffer;
import org.apache.fory.serializer.Serializer;

/** Lets a generated {@link WireCodec} serve as a Fory serializer: no reflection on the user's type. */
final class CodecSerializer<T> extends Serializer<T> {
    private final WireCodec<T> codec;

    CodecSerializer(Config config, Class<T> type, WireCodec<T> codec) {
        super(config, type, false);
        this.codec = codec;
    }

    @Override
    public void write(WriteContext ctx, T value) {
        codec.write(new Out(ctx), value);
    }

    @Override
    public T read(ReadContext ctx) {
        return codec.read(new In(ctx));
    }

    private record Out(WriteContext ctx) implements WireOutput {
        private MemoryBuffer buf() {
            return ctx.getBuffer();
        }

        @Override
        public void writeBoolean(boolean v) {
            buf().writeBoolean(v);
        }

        @Override
        public void writeByte(byte v) {
            buf().writeByte(v);
        }

        @Override
        public void writeShort(short v) {
            buf().writeInt16(v);
        }

        @Override
        public void writeChar(char v) {
            buf().writeChar(v);
        }

        @Override
        public void writeInt(int v) {
            buf().writeInt32(v);
        }

        @Override
        public void writeLong(long v) {
            buf().writeInt64(v);
        }

        @Override
        public void writeFloat(float v) {
            buf().writeFloat32(v);
        }

        @Override
        public void writeDouble(double v) {
            buf().writeFloat64(v);
        }

        @Override
        public void writeString(String v) {
            // length-prefixed UTF-8 (0 for null, n + 1 for n bytes): self-contained, no reference state
            if (v == null) {
                buf().writeVarUInt32(0);
                return;
            }
            byte[] b = v.getBytes(StandardCharsets.UTF_8);
            buf().writeVarUInt32(b.length + 1);
            buf().writeBytes(b);
        }

        @Override
        public void writeObject(Object v) {
            ctx.writeRef(v);
        }
    }

    private record In(ReadContext ctx) implements WireInput {
        private MemoryBuffer buf() {
            return ctx.getBuffer();
        }

        @Override
        public boolean readBoolean() {
            return buf().readBoolean();
        }

        @Override
        public byte readByte() {
            return buf().readByte();
        }

        @Override
        public short readShort() {
            return buf().readInt16();
        }

        @Override
        public char readChar() {
            return buf().readChar();
        }

        @Override
        public int readInt() {
            return buf().readInt32();
        }

        @Override
        public long readLong() {
            return buf().readInt64();
        }

        @Override
        public float readFloat() {
            return buf().readFloat32();
        }

        @Override
        public double readDouble() {
            return buf().readFloat64();
        }

        @Override
        public String readString() {
            int n = buf().readVarUInt32();
            if (n == 0) {
                return null;
            }
            if (n - 1 > buf().remaining()) {
                throw new IllegalStateException("a string of " + (n - 1) + " bytes does not fit in what is left");
            }
            return new String(buf().readBytes(n - 1), StandardCharsets.UTF_8);
        }

        @Override
        public Object readObject() {
            return ctx.readRef();
        }
    }
}
