package jmpi.runtime.wire;

/** A message on a connection; {@link FrameCodec} reads and writes them. */
public sealed interface Frame permits Hello, Welcome, Refused, Call, Reply, Cancel, Bye, PeerQuery,
        PeerMessage, PeerAck, RankFailed, PeerOffer, PeerGo, PeerChunk, JobAborted, CommRevoked, CommName,
        RankQuery, RankReport, PeerWithdraw {
    /** The frame's type on the wire. */
    FrameType type();
}
