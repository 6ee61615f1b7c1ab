package jmpi.spi;

import jmpi.Op;

/**
 * The predefined reduce operations as an enum, in the order of {@link Op#values()}, so that the
 * runtime's tables can switch over them exhaustively now that {@link Op} also holds user operations.
 */
public enum PredefinedOp {
    MAX, MIN, SUM, PROD, LAND, BAND, LOR, BOR, LXOR, BXOR, MINLOC, MAXLOC, REPLACE, NO_OP;

    private static final PredefinedOp[] ALL = values();

    /** The predefined operation op is; null for a user operation. */
    public static PredefinedOp of(Op op) {
        int i = op.ordinal();
        return i < 0 ? null : ALL[i];
    }
}
