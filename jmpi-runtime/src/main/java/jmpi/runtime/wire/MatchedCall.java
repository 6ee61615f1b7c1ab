package jmpi.runtime.wire;

/**
 * A call that completes once every member of its communicator (or group) has made it: the members'
 * calls are matched by communicator, group and sequence number.
 */
public sealed interface MatchedCall extends Call permits CollCall, SplitCall, CustomCall, SurvivorCall, CreateGroupCall {
    /** The operation's number among the collectives of this communicator (or of this group). */
    long seq();

    /** The group of a custom operation, as text; empty for the whole communicator. */
    default String group() {
        return "";
    }

    /** The kind and the arguments every member must agree on, as users would write them: {@code bcast(root 0)}. */
    String signature();

    @Override
    default String describe() {
        return signature() + " #" + seq();
    }

    /** Whether another member's call can be the same operation: same kind and the same arguments that must agree. */
    boolean agreesWith(MatchedCall other);
}
