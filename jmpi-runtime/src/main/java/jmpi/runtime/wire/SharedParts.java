package jmpi.runtime.wire;

import io.netty.buffer.ByteBuf;
import io.netty.util.AttributeKey;

/**
 * What a connection may do with shared memory, given to the codec by the link: large parts may be
 * named by their place in memory both ends map instead of crossing the socket. The codec only
 * writes and reads the names; mapping and checking them is the implementation's job.
 */
public interface SharedParts {
    /** The channel attribute under which a Netty connection keeps its shared-memory rights. */
    AttributeKey<SharedParts> KEY = AttributeKey.valueOf("jmpi.shm");
    /** Parts smaller than this go through the socket: a name saves nothing on them. */
    int MIN_PART = 32 << 10;

    /** Where a part's bytes lie: segment, block, offset and length. */
    record Place(String segment, int block, int at, int length) {
    }

    /** Whether this end may name parts yet (both ends have agreed that they share a host). */
    boolean sending();

    /**
     * Names p's bytes in shared memory, copying them there first if they are not there yet, and takes
     * the reader's reference; null if there is no room (p then goes through the socket).
     */
    Place place(ByteBuf p);

    /** The bytes a received name stands for; throws {@link MalformedFrameException} for one this connection may not name. */
    ByteBuf open(Place place);
}
