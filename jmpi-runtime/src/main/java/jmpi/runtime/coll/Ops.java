package jmpi.runtime.coll;

import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Op;

/** The reduce operation a call names by its ordinal. */
final class Ops {
    private static final Op[] OPS = Op.values();

    private Ops() {
    }

    static Op of(int ordinal) {
        if (ordinal < 0 || ordinal >= OPS.length) {
            throw new MPIException(MPI.ERR_OP, "unknown operation " + ordinal);
        }
        return OPS[ordinal];
    }

    /** Whether op may fold its operands in any order: every predefined op but REPLACE and NO_OP, which pick by rank. */
    static boolean commutative(Op op) {
        return op != Op.REPLACE && op != Op.NO_OP;
    }
}
