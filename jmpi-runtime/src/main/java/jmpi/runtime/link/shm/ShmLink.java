package jmpi.runtime.link.shm;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.util.function.Predicate;
import jmpi.runtime.wire.MalformedFrameException;
import jmpi.runtime.wire.SharedParts;

/**
 * A connection's shared-memory rights: its presence lets the decoder map the segments that frames
 * name; {@link #sending} lets the encoder name blocks instead of writing bytes, once both ends have
 * agreed that they share a host.
 */
public final class ShmLink implements SharedParts {
    private final Arena own;
    private volatile boolean sending;
    private final Predicate<String> named;
    /** Whether blocks of other segments are copied into this end's own before they are named. */
    private final boolean ownOnly;

    /** A link whose peer may name any segment (a rank trusts its coordinator). */
    public ShmLink(Arena own, boolean sending) {
        this(own, sending, name -> true);
    }

    /** named: the segments the peer may name (the coordinator allows its job's). */
    public ShmLink(Arena own, boolean sending, Predicate<String> named) {
        this(own, sending, named, false);
    }

    private ShmLink(Arena own, boolean sending, Predicate<String> named, boolean ownOnly) {
        this.own = own;
        this.sending = sending;
        this.named = named;
        this.ownOnly = ownOnly;
    }

    /**
     * A rank's link to a peer on its host: the peer maps this rank's segment only, so a part that lies
     * in another's (one received and passed on, as a bcast's tree does) is copied into own first.
     */
    public static ShmLink toPeer(Arena own) {
        return new ShmLink(own, true, name -> true, true);
    }

    @Override
    public boolean sending() {
        return sending;
    }

    public void startSending() {
        sending = true;
    }

    @Override
    public Place place(ByteBuf p) {
        ShmBuf s = ShmBuf.of(p);
        if (s != null && s.segment().orphaned()) {
            return null;
        }
        if (s != null && ownOnly && !s.segment().name().equals(own.name())) {
            s = null;
        }
        boolean copied = false;
        if (s == null) {
            s = own == null ? null : own.copyOf(p);
            if (s == null) {
                return null;
            }
            copied = true;
        }
        // the reader's reference, taken before the bytes can be read
        s.segment().retain(s.block());
        Place place = new Place(s.segment().name(), s.block(), copied ? s.at() : s.at() + p.readerIndex(),
                p.readableBytes());
        if (copied) {
            s.release();
        }
        return place;
    }

    @Override
    public ByteBuf open(Place place) {
        if (place.segment() == null || !named.test(place.segment())) {
            throw new MalformedFrameException("a part in shared memory " + place.segment() + ", which is not this job's");
        }
        Segment seg;
        try {
            seg = Segment.open(place.segment());
        } catch (IOException e) {
            throw new MalformedFrameException("cannot map the shared memory a part lies in: " + e.getMessage(), e);
        }
        String wrong = seg.check(place.block(), place.at(), place.length());
        if (wrong != null) {
            throw new MalformedFrameException(wrong);
        }
        return seg.buffer(place.block(), place.at(), place.length());
    }
}
