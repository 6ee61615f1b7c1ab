package jmpi.runtime.coll;

import io.netty.buffer.ByteBuf;
import jmpi.runtime.wire.MatchedCall;

/**
 * The members' calls of one operation, all arrived, by member index: for a collective of the whole
 * communicator the member index is the communicator rank; for a custom operation the members are
 * its group's ranks in order.
 */
public interface Gathered {
    /** How many members. */
    int size();

    MatchedCall call(int member);

    /** The member's rank in the communicator. */
    int commRank(int member);

    /** The member's rank in the world. */
    int worldRank(int member);

    /** The call of the member with this communicator rank. */
    MatchedCall callOfRank(int commRank);

    /** Every member's first part, as new references; checked first, so a failure leaves no reference behind. */
    ByteBuf[] firstParts();
}
