package jmpi.spi;

import jmpi.Op;

/**
 * The predefined reduce operations as an enum, in the order of {@link Op#values()}, so that the
 * runtime's tables can switch over them exhaustively now that {@link Op} also holds user operations.
 */
public enum PredefinedOp {
    /** {@link Op#MAX}. */
    MAX,
    /** {@link Op#MIN}. */
    MIN,
    /** {@link Op#SUM}. */
    SUM,
    /** {@link Op#PROD}. */
    PROD,
    /** {@link Op#LAND}. */
    LAND,
    /** {@link Op#BAND}. */
    BAND,
    /** {@link Op#LOR}. */
    LOR,
    /** {@link Op#BOR}. */
    BOR,
    /** {@link Op#LXOR}. */
    LXOR,
    /** {@link Op#BXOR}. */
    BXOR,
    /** {@link Op#MINLOC}. */
    MINLOC,
    /** {@link Op#MAXLOC}. */
    MAXLOC,
    /** {@link Op#REPLACE}. */
    REPLACE,
    /** {@link Op#NO_OP}. */
    NO_OP;

    private static final PredefinedOp[] ALL = values();

    /**
     * The predefined operation op is; null for a user operation.
     *
     * @param op the operation
     * @return the constant, or null
     */
    public static PredefinedOp of(Op op) {
        int i = op.ordinal();
        return i < 0 ? null : ALL[i];
    }
}
