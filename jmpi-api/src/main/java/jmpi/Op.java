package jmpi;

import java.util.List;

/**
 * The predefined reduce operations.
 *
 * <p>Object reductions accept numbers of one type, {@code Boolean} for the logical operations,
 * {@code BigInteger}/{@code BigDecimal}, primitive arrays (element-wise) and {@code String} for
 * {@link #SUM} (concatenation in rank order). {@link #MINLOC}/{@link #MAXLOC} take plain comparable
 * values (indexed by the sender's rank) or {@link Loc} values and give a {@link Loc}; ties go to the
 * lowest index. Values fold in rank order: {@link #REPLACE} keeps the highest rank's value,
 * {@link #NO_OP} the lowest rank's. Primitive arrays are combined by the runtime, with the arithmetic
 * that buffers get in {@code Reduce}, so they need jmpi-runtime on the path as every MPI call does.
 */
public enum Op {
    MAX, MIN, SUM, PROD, LAND, BAND, LOR, BOR, LXOR, BXOR, MINLOC, MAXLOC, REPLACE, NO_OP;

    /** Combines two values, {@code a} from the lower rank; throws {@code MPIException(ERR_OP)} if they do not fit. */
    public Object apply(Object a, Object b) {
        return ObjectReductions.combine(this, a, b);
    }

    /**
     * Folds values given in rank order; plain values given to {@code MINLOC}/{@code MAXLOC} are
     * indexed by their position in the list.
     */
    public Object reduce(List<?> valuesInRankOrder) {
        if (valuesInRankOrder.isEmpty()) {
            throw new MPIException(MPI.ERR_COUNT, "nothing to reduce");
        }
        for (Object v : valuesInRankOrder) {
            ObjectReductions.check(this, v);
        }
        return ObjectReductions.fold(this, valuesInRankOrder);
    }
}
