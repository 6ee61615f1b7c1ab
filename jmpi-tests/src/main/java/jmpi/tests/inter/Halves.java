package jmpi.tests.inter;

import java.util.stream.IntStream;
import jmpi.Comm;
import jmpi.Intercomm;

/**
 * The intercommunicator of mpi4py's intercommunicator tests: a communicator's lower half (colour 0)
 * and upper half (colour 1), each with its rank 0 as leader, over the whole communicator.
 */
final class Halves implements AutoCloseable {
    final Comm base;
    final int color;
    final Comm local;
    final Intercomm inter;

    Halves(Comm base, int tag) {
        this.base = base;
        int half = base.size() / 2;
        this.color = base.rank() < half ? 0 : 1;
        this.local = base.Split(color, 0);
        Intercomm made;
        try {
            made = local.Create_intercomm(0, base, color == 0 ? half : 0, tag);
        } catch (RuntimeException e) {
            local.Free();
            throw e;
        }
        this.inter = made;
    }

    Halves(Comm base) {
        this(base, 0);
    }

    /** The base ranks of the group of this colour, in their order. */
    int[] baseRanks(int ofColor) {
        int half = base.size() / 2;
        return ofColor == 0 ? IntStream.range(0, half).toArray() : IntStream.range(half, base.size()).toArray();
    }

    /** The world ranks of the group of this colour. */
    int[] worldRanks(int ofColor) {
        int[] world = base.group().worldRanks();
        return IntStream.of(baseRanks(ofColor)).map(r -> world[r]).toArray();
    }

    @Override
    public void close() {
        inter.Free();
        local.Free();
    }
}
