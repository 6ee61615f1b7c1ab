package jmpi.runtime.wire;

/** A message between a rank and the coordinator; {@link FrameCodec} reads and writes them. */
public sealed interface Frame permits Hello, Welcome, Refused, Call, Reply, Cancel, Bye {
    /** The frame's type byte on the wire. */
    byte type();
}
