package jmpi.runtime.coll;

import io.netty.buffer.ByteBuf;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Op;
import jmpi.runtime.elem.ElementType;
import jmpi.runtime.elem.Reductions;
import jmpi.runtime.wire.Kind;

/**
 * The reduce operation a call names by a number: a predefined operation by its ordinal, a user
 * operation by a number this JVM gives it on first use. The number of a user operation means
 * something only inside this JVM (its code runs here, among the ranks); what the ranks compare with
 * each other is its name.
 */
public final class Ops {
    /** The first number of a user operation, above every ordinal and every byte of a predefined op's word. */
    static final int FIRST_USER = 256;

    private static final Op[] PREDEFINED = Op.values();
    private static final Map<Op, Integer> CODES = new ConcurrentHashMap<>();
    private static final Map<Integer, Op> USER = new ConcurrentHashMap<>();
    private static final AtomicInteger NEXT = new AtomicInteger(FIRST_USER);

    private Ops() {
    }

    /** The number that names op in a call: kept for the JVM's life, as user operations are made once and reused. */
    public static int code(Op op) {
        if (op.is_predefined()) {
            return op.ordinal();
        }
        return CODES.computeIfAbsent(op, o -> {
            int c = NEXT.getAndIncrement();
            USER.put(c, o);
            return c;
        });
    }

    /** The operation a call names: predefined, or a user operation of this JVM. */
    public static Op of(int code) {
        if (code >= FIRST_USER) {
            Op op = USER.get(code);
            if (op != null) {
                return op;
            }
        }
        return predefined(code);
    }

    /** A predefined operation; what the coordinator accepts, since a user operation's code never reaches it. */
    static Op predefined(int code) {
        if (code < 0 || code >= PREDEFINED.length) {
            throw new MPIException(MPI.ERR_OP, "unknown operation " + code);
        }
        return PREDEFINED[code];
    }

    /** Whether the call's number names a user operation. */
    public static boolean isUser(int code) {
        return code >= FIRST_USER;
    }

    /**
     * The op a collective that goes through the coordinator names: a predefined op as it is; a user
     * operation fails with ERR_OP, since the coordinator runs no user code, except on one rank, where a
     * reduction folds nothing and NO_OP gives the same (once the function is checked against the buffer's
     * elements, as among the ranks).
     */
    public static int viaCoordinator(int code, Kind kind, int ranks, int elemType, ByteBuf[] parts) {
        if (!isUser(code)) {
            return code;
        }
        Op op = of(code);
        if (ranks > 1) {
            throw new MPIException(MPI.ERR_OP, "user operation '" + op.name() + "' runs on the ranks, but this "
                    + kind.label() + " goes through the coordinator, which runs no user code; use JMPI_DATA=direct"
                    + " (over TCP) or a predefined operation");
        }
        if (elemType != 0 && parts.length > 0) {
            Reductions.fold(ElementType.ofCode(elemType), op, new ByteBuf[] {parts[0]});
        }
        return Op.NO_OP.ordinal();
    }

    /** Whether op may fold its operands in any order: not REPLACE and NO_OP, which pick by rank, nor a user op made so. */
    static boolean commutative(Op op) {
        return op.Is_commutative();
    }
}
