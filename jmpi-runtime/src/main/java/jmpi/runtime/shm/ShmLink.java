package jmpi.runtime.shm;

import io.netty.util.AttributeKey;
import java.util.function.Predicate;

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
    private final Predicate<String> named;

    /** A link whose peer may name any segment (a rank trusts its coordinator). */
    public ShmLink(Arena own, boolean sending) {
        this(own, sending, name -> true);
    }

    /** named: the segments the peer may name (the coordinator allows its job's). */
    public ShmLink(Arena own, boolean sending, Predicate<String> named) {
        this.own = own;
        this.sending = sending;
        this.named = named;
    }

    /** Whether the peer may name that segment. */
    public boolean mayName(String segment) {
        return named.test(segment);
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
