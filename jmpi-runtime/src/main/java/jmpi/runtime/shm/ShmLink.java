package jmpi.runtime.shm;

import io.netty.util.AttributeKey;

/**
 * What a connection may do with shared memory, as a channel attribute: its presence lets the
 * decoder map the segments that frames name; {@link #sending} lets the encoder name blocks instead
 * of writing bytes, once both ends have agreed that they share a host.
 */
public final class ShmLink {
    public static final AttributeKey<ShmLink> KEY = AttributeKey.valueOf("jmpi.shm");
    /** Parts smaller than this go through the socket: a descriptor saves nothing on them. */
    public static final int MIN_PART = 32 << 10;

    private final Arena own;
    private volatile boolean sending;

    public ShmLink(Arena own, boolean sending) {
        this.own = own;
        this.sending = sending;
    }

    /** This side's arena, where parts not in shared memory yet are copied; null on the coordinator. */
    public Arena own() {
        return own;
    }

    public boolean sending() {
        return sending;
    }

    public void startSending() {
        sending = true;
    }
}
