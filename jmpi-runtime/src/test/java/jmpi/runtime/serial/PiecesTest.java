package jmpi.runtime.serial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.Map;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.runtime.wire.Parts;
import org.junit.jupiter.api.Test;

/** Objects whose large arrays travel out of band: cut in pieces, gathered from chunks, read back. */
class PiecesTest {
    private final ObjectSerializer serial = new ObjectSerializer(List.of(), getClass().getClassLoader(), 1L << 30);

    private static List<Object> sample() {
        long[] big = new long[(3 << 20) / 8];
        double[] other = new double[(1 << 20) / 8 + 1];
        for (int i = 0; i < big.length; i++) {
            big[i] = i * 0x9E3779B97F4A7C15L;
        }
        other[other.length - 1] = 0.5;
        return List.of(big, "between", other, new int[] {1, 2, 3}, Map.of("k", 7L));
    }

    private static void assertSame(List<Object> expected, Object actual) {
        List<?> back = (List<?>) actual;
        assertArrayEquals((long[]) expected.get(0), (long[]) back.get(0));
        assertEquals(expected.get(1), back.get(1));
        assertArrayEquals((double[]) expected.get(2), (double[]) back.get(2));
        assertArrayEquals((int[]) expected.get(3), (int[]) back.get(3));
        assertEquals(expected.get(4), back.get(4));
    }

    @Test
    void arraysOfAMebibyteOrMoreGoInPiecesOfTheirOwn() {
        List<Object> o = sample();
        ByteBuf[] pieces = serial.toPieces(o, Unpooled::buffer);
        try {
            assertEquals(3, pieces.length);
            assertEquals(3 << 20, pieces[1].readableBytes());
            assertSame(o, serial.fromPieces(pieces));
        } finally {
            Parts.release(pieces);
        }
    }

    @Test
    void onePartHoldingThePiecesReadsAlike() {
        List<Object> o = sample();
        ByteBuf part = serial.toPart(o, Unpooled::buffer);
        ByteBuf copy = Unpooled.copiedBuffer(part);
        try {
            assertSame(o, serial.fromBytes(part));
            assertSame(o, serial.fromBytes(copy));
        } finally {
            part.release();
            copy.release();
        }
    }

    @Test
    void aPartHoldsItsArraysOfFourKibibytesOrMoreAfterTheRest() {
        byte[] block = new byte[512 << 10];
        block[block.length - 1] = 9;
        List<Object> o = List.of(block, new int[2048], new byte[(4 << 10) - 1], "rest");
        ByteBuf part = serial.toPart(o, Unpooled::buffer);
        try {
            ByteBuf[] pieces = Pieces.split(part);
            // the header and the in-band rest, then the byte block and the int array, each as it is in memory
            assertEquals(3, pieces.length);
            assertEquals(512 << 10, pieces[1].readableBytes());
            assertEquals(9, pieces[1].getByte(pieces[1].writerIndex() - 1));
            assertEquals(2048 * Integer.BYTES, pieces[2].readableBytes());
            List<?> back = (List<?>) serial.fromBytes(part);
            assertArrayEquals(block, (byte[]) back.get(0));
            assertArrayEquals(new int[2048], (int[]) back.get(1));
            assertArrayEquals(new byte[(4 << 10) - 1], (byte[]) back.get(2));
            assertEquals("rest", back.get(3));
        } finally {
            part.release();
        }
    }

    @Test
    void anObjectLargerThanItsPartMayBeComesInPiecesOfTheSameBytes() {
        List<Object> o = sample();
        ByteBuf[] one = serial.toPartOrPieces(o, Unpooled::buffer, Integer.MAX_VALUE);
        ByteBuf[] cut = serial.toPartOrPieces(o, Unpooled::buffer, 1 << 20);
        try {
            assertEquals(1, one.length);
            // the header with the in-band rest, the long array, the double array
            assertEquals(3, cut.length);
            assertEquals(Parts.readable(one), Parts.readable(cut));
            assertSame(o, serial.fromBytes(one[0]));
            assertSame(o, serial.fromPieces(cut));
        } finally {
            Parts.release(one);
            Parts.release(cut);
        }
    }

    @Test
    void piecesThatAnnounceNoArrayAreRefused() {
        ByteBuf none = Unpooled.buffer().writeByte(Pieces.MARK).writeInt(0).writeLong(0);
        try {
            MPIException e = assertThrows(MPIException.class, () -> serial.fromBytes(none));
            assertEquals(MPI.ERR_OTHER, e.getErrorClass());
        } finally {
            none.release();
        }
    }

    @Test
    void chunksOfAnySizeAreGatheredIntoThePieces() {
        List<Object> o = sample();
        for (ByteBuf[] pieces : List.of(serial.toPieces(o, Unpooled::buffer), serial.toPieces("small", Unpooled::buffer))) {
            ByteBuf all = Unpooled.wrappedBuffer(pieces);
            ObjectAssembly in = new ObjectAssembly(all.readableBytes());
            while (all.isReadable()) {
                // 7 bytes first: a header that arrives in bits
                ByteBuf chunk = all.readSlice(Math.min(all.readableBytes(), all.readerIndex() == 0 ? 7 : 65_537));
                in.write(chunk);
            }
            ByteBuf[] gathered = in.pieces();
            try {
                assertEquals(pieces.length, gathered.length);
                Object back = serial.fromPieces(gathered);
                if (pieces.length > 1) {
                    assertSame(o, back);
                } else {
                    assertEquals("small", back);
                }
            } finally {
                Parts.release(gathered);
                all.release();
            }
        }
    }

    @Test
    void moreBytesThanAnnouncedAreRefused() {
        ByteBuf[] pieces = serial.toPieces(sample(), Unpooled::buffer);
        ByteBuf all = Unpooled.wrappedBuffer(pieces);
        ObjectAssembly in = new ObjectAssembly(all.readableBytes() - 1);
        try {
            assertThrows(IllegalStateException.class, () -> in.write(all));
        } finally {
            in.release();
            all.release();
        }
    }

    @Test
    void aRefusalFailsItsReaderWithItsReason() {
        ByteBuf note = Pieces.refusing("too large for a part");
        try {
            MPIException e = assertThrows(MPIException.class, () -> serial.fromBytes(note));
            assertEquals(MPI.ERR_COUNT, e.getErrorClass());
            assertEquals("too large for a part", e.getMessage());
        } finally {
            note.release();
        }
    }
}
