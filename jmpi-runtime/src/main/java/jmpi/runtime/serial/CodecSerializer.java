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

        /**
         * Self-contained, with no reference state: a header, then the text. Header 0 is null; 2n + 1 is n
         * bytes of UTF-8; 2n + 2 is n UTF-16 units, for text with a lone surrogate, which UTF-8 cannot
         * carry (it would arrive as '?').
         */
        @Override
        public void writeString(String v) {
            if (v == null) {
                buf().writeVarUInt64(0);
            } else if (wellFormed(v)) {
                byte[] b = v.getBytes(StandardCharsets.UTF_8);
                buf().writeVarUInt64(2L * b.length + 1);
                buf().writeBytes(b);
            } else {
                buf().writeVarUInt64(2L * v.length() + 2);
                for (int i = 0; i < v.length(); i++) {
                    buf().writeChar(v.charAt(i));
                }
            }
        }

        /** Whether every surrogate in v is half of a pair, so that UTF-8 keeps v as it is. */
        private static boolean wellFormed(String v) {
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < v.length() && Character.isLowSurrogate(v.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    return false;
                }
            }
            return true;
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

        /** Reads what {@link Out#writeString} wrote. */
        @Override
        public String readString() {
            long header = buf().readVarUInt64();
            if (header == 0) {
                return null;
            }
            boolean utf8 = (header & 1) == 1;
            long n = utf8 ? (header - 1) / 2 : (header - 2) / 2;
            long bytes = utf8 ? n : 2 * n;
            if (bytes > buf().remaining()) {
                throw new IllegalStateException("a string of " + bytes + " bytes does not fit in what is left");
            }
            if (utf8) {
                return new String(buf().readBytes((int) n), StandardCharsets.UTF_8);
            }
            char[] units = new char[(int) n];
            for (int i = 0; i < units.length; i++) {
                units[i] = buf().readChar();
            }
            return new String(units);
        }

        @Override
        public Object readObject() {
            return ctx.readRef();
        }
    }
}
