package jmpi;

import java.nio.Buffer;
import java.util.List;
import java.util.function.BinaryOperator;
import jmpi.spi.PredefinedOp;

/**
 * A reduce operation: one of the predefined ones ({@link #SUM}, {@link #MAX}…) or a user operation
 * made by {@link #create(String, BinaryOperator, boolean) create}.
 *
 * <p>Object reductions with a predefined operation accept numbers of one type, {@code Boolean} for the
 * logical operations, {@code BigInteger}/{@code BigDecimal}, primitive arrays (element-wise) and
 * {@code String} for {@link #SUM} (concatenation in rank order). {@link #MINLOC}/{@link #MAXLOC} take
 * plain comparable values (indexed by the sender's rank) or {@link Loc} values and give a {@link Loc};
 * ties go to the lowest index. Values fold in rank order: {@link #REPLACE} keeps the highest rank's
 * value, {@link #NO_OP} the lowest rank's. Primitive arrays are combined by the runtime, with the
 * arithmetic that buffers get in {@code Reduce}, so they need jmpi-runtime on the path as every MPI call does.
 *
 * <p>A user operation runs on the ranks, in collectives among the ranks (the direct data plane); through
 * the coordinator ({@code JMPI_DATA=coordinator}) its code cannot travel and a collective of two ranks or
 * more given one fails with {@code ERR_OP} (on one rank a reduction folds nothing, and works on either plane). Every rank must create it under the same name: ranks that pass operations of
 * different names to one collective fail it as a collective mismatch. A non-commutative operation is
 * applied in rank order. Operations are equal only to themselves.
 */
public final class Op {
    /** The maximum ({@code MPI_MAX}). */
    public static final Op MAX = new Op(PredefinedOp.MAX);
    /** The minimum ({@code MPI_MIN}). */
    public static final Op MIN = new Op(PredefinedOp.MIN);
    /** The sum ({@code MPI_SUM}); for strings, their concatenation in rank order. */
    public static final Op SUM = new Op(PredefinedOp.SUM);
    /** The product ({@code MPI_PROD}). */
    public static final Op PROD = new Op(PredefinedOp.PROD);
    /** Logical and ({@code MPI_LAND}). */
    public static final Op LAND = new Op(PredefinedOp.LAND);
    /** Bit-wise and ({@code MPI_BAND}). */
    public static final Op BAND = new Op(PredefinedOp.BAND);
    /** Logical or ({@code MPI_LOR}). */
    public static final Op LOR = new Op(PredefinedOp.LOR);
    /** Bit-wise or ({@code MPI_BOR}). */
    public static final Op BOR = new Op(PredefinedOp.BOR);
    /** Logical exclusive or ({@code MPI_LXOR}). */
    public static final Op LXOR = new Op(PredefinedOp.LXOR);
    /** Bit-wise exclusive or ({@code MPI_BXOR}). */
    public static final Op BXOR = new Op(PredefinedOp.BXOR);
    /** The minimum value and the lowest index that holds it ({@code MPI_MINLOC}). */
    public static final Op MINLOC = new Op(PredefinedOp.MINLOC);
    /** The maximum value and the lowest index that holds it ({@code MPI_MAXLOC}). */
    public static final Op MAXLOC = new Op(PredefinedOp.MAXLOC);
    /** Keeps the highest rank's value ({@code MPI_REPLACE}); not commutative. */
    public static final Op REPLACE = new Op(PredefinedOp.REPLACE);
    /** Keeps the lowest rank's value ({@code MPI_NO_OP}); not commutative. */
    public static final Op NO_OP = new Op(PredefinedOp.NO_OP);

    private static final Op[] PREDEFINED = {MAX, MIN, SUM, PROD, LAND, BAND, LOR, BOR, LXOR, BXOR, MINLOC, MAXLOC,
        REPLACE, NO_OP};

    private final String name;
    private final PredefinedOp predefined;
    private final boolean commutative;
    private final UserFunctions user;

    private Op(PredefinedOp p) {
        this.name = p.name();
        this.predefined = p;
        this.commutative = p != PredefinedOp.REPLACE && p != PredefinedOp.NO_OP;
        this.user = null;
    }

    private Op(String name, boolean commutative, UserFunctions user) {
        if (name == null || name.isBlank()) {
            throw new MPIException(MPI.ERR_ARG, "a user operation needs a name, the same on every rank");
        }
        this.name = name;
        this.predefined = null;
        this.commutative = commutative;
        this.user = user;
    }

    /**
     * A user operation on objects: {@code fn.apply(a, b)} with {@code a} from the lower ranks. It also
     * reduces primitive arrays passed as objects (whole arrays, as fn takes them); for buffer collectives
     * use {@link #create(String, BufferFunction, boolean)}.
     *
     * @param name        the operation's name, the same on every rank; ERR_ARG when null or blank
     * @param fn          combines two values, the first from the lower ranks
     * @param commutative whether fn may combine its operands in any order
     * @param <T>         the values' type
     * @return the operation
     */
    public static <T> Op create(String name, BinaryOperator<T> fn, boolean commutative) {
        return new Op(name, commutative, UserFunctions.ofObjects(name, fn));
    }

    /**
     * A user operation on buffers, for {@code Reduce}, {@code Allreduce}, {@code Scan}, {@code Exscan},
     * {@code Reduce_scatter(_block)} and their {@code I} forms; see {@link BufferFunction} for the
     * buffers it gets. It also reduces primitive arrays passed as objects (element-wise, through the
     * same function).
     *
     * @param name        the operation's name, the same on every rank; ERR_ARG when null or blank
     * @param fn          combines the elements of two buffers
     * @param commutative whether fn may combine its operands in any order
     * @param <B>         the buffers' type
     * @return the operation
     */
    public static <B extends Buffer> Op create(String name, BufferFunction<B> fn, boolean commutative) {
        return new Op(name, commutative, UserFunctions.ofBuffers(name, fn));
    }

    /**
     * The predefined operations, in their order.
     *
     * @return a new array of them
     */
    public static Op[] values() {
        return PREDEFINED.clone();
    }

    /**
     * The predefined operation of this name ({@code "SUM"}); IllegalArgumentException if there is none.
     *
     * @param name the operation's name
     * @return the operation
     */
    public static Op valueOf(String name) {
        for (Op op : PREDEFINED) {
            if (op.name.equals(name)) {
                return op;
            }
        }
        throw new IllegalArgumentException("no predefined operation " + name);
    }

    /**
     * The operation's name: {@code "SUM"}, or the name a user operation was created with.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The index of a predefined operation in {@link #values()}; -1 for a user operation.
     *
     * @return the index, or -1
     */
    public int ordinal() {
        return predefined == null ? -1 : predefined.ordinal();
    }

    /**
     * Whether this is one of the predefined operations.
     *
     * @return true for a predefined operation
     */
    public boolean is_predefined() {
        return predefined != null;
    }

    /**
     * Whether the operation may combine its operands in any order ({@code REPLACE}, {@code NO_OP}: no).
     *
     * @return true if commutative
     */
    public boolean Is_commutative() {
        return commutative;
    }

    /**
     * Combines two values, {@code a} from the lower rank; throws {@code MPIException(ERR_OP)} if they do not fit.
     *
     * @param a the value of the lower rank
     * @param b the value of the higher rank
     * @return the combined value
     */
    public Object apply(Object a, Object b) {
        if (user != null) {
            return user.combine(a, b);
        }
        return ObjectReductions.combine(this, a, b);
    }

    /**
     * Folds values given in rank order; plain values given to {@code MINLOC}/{@code MAXLOC} are
     * indexed by their position in the list.
     *
     * @param valuesInRankOrder the values, at least one (ERR_COUNT for none)
     * @return the fold of the values
     */
    public Object reduce(List<?> valuesInRankOrder) {
        if (valuesInRankOrder.isEmpty()) {
            throw new MPIException(MPI.ERR_COUNT, "nothing to reduce");
        }
        if (user != null) {
            return user.fold(valuesInRankOrder);
        }
        for (Object v : valuesInRankOrder) {
            ObjectReductions.check(this, v);
        }
        return ObjectReductions.fold(this, valuesInRankOrder);
    }

    /**
     * Applies the operation to two buffers of one element type and length (primitive arrays or java.nio
     * buffers, their remaining elements): {@code inoutbuf[i] = inbuf[i] ⊕ inoutbuf[i]}, as mpi4py's
     * {@code Op.Reduce_local}. A user operation on objects has no buffer form: {@code ERR_OP}.
     *
     * @param inbuf    the left operands
     * @param inoutbuf the right operands, overwritten with the results
     */
    public void Reduce_local(Object inbuf, Object inoutbuf) {
        if (user == null) {
            Runtimes.provider().elements().reduceLocal(this, inbuf, inoutbuf);
        } else {
            user.reduceLocal(inbuf, inoutbuf);
        }
    }

    /** The operation's name. */
    @Override
    public String toString() {
        return name;
    }

    /** The predefined operation this is, for the switches of the object arithmetic; null for a user operation. */
    PredefinedOp kind() {
        return predefined;
    }
}
