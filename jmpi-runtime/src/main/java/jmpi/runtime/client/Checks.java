package jmpi.runtime.client;

import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Op;

/** Argument checks, made before anything is sent; each message names the argument and its range. */
final class Checks {
    private Checks() {
    }

    static void root(int root, int size) {
        if (root < 0 || root >= size) {
            throw new MPIException(MPI.ERR_ROOT, "root " + root + " out of range [0, " + size + ")");
        }
    }

    static void dest(int dest, int size) {
        if (dest != MPI.PROC_NULL && (dest < 0 || dest >= size)) {
            throw new MPIException(MPI.ERR_RANK, "rank " + dest + " out of range [0, " + size + ")");
        }
    }

    static void source(int source, int size) {
        if (source != MPI.PROC_NULL && source != MPI.ANY_SOURCE && (source < 0 || source >= size)) {
            throw new MPIException(MPI.ERR_RANK, "rank " + source + " out of range [0, " + size + ")");
        }
    }

    static void sendTag(int tag) {
        if (tag < 0) {
            throw new MPIException(MPI.ERR_TAG, "tag " + tag + " must be non-negative");
        }
    }

    static void recvTag(int tag) {
        if (tag < 0 && tag != MPI.ANY_TAG) {
            throw new MPIException(MPI.ERR_TAG, "tag " + tag + " must be non-negative or MPI.ANY_TAG");
        }
    }

    static Op op(Op op) {
        if (op == null) {
            throw new MPIException(MPI.ERR_OP, "op == null");
        }
        return op;
    }

    static void color(int color) {
        if (color < 0 && color != MPI.UNDEFINED) {
            throw new MPIException(MPI.ERR_ARG, "colour " + color + " must be non-negative or MPI.UNDEFINED");
        }
    }

    /** A list that must hold one item per rank. */
    static void perRank(java.util.List<?> objs, int size, String what) {
        if (objs == null || objs.size() != size) {
            throw new MPIException(MPI.ERR_COUNT, what + " needs a list of " + size + " items, not "
                    + (objs == null ? "null" : objs.size()));
        }
    }
}
