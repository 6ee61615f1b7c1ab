package jmpi.runtime.wire;

import static jmpi.runtime.wire.WireFields.readBoolean;
import static jmpi.runtime.wire.WireFields.readInts;
import static jmpi.runtime.wire.WireFields.readString;
import static jmpi.runtime.wire.WireFields.writeInts;
import static jmpi.runtime.wire.WireFields.writeString;

import io.netty.buffer.ByteBuf;

/**
 * Each frame's fields, in their order on the wire (docs/protocol.md): those before the parts, the
 * parts (a {@link Carrier}'s, read and written by {@link FrameCodec}), and those after them.
 */
final class FrameBodies {
    /** Reads the parts of the frame being decoded, where they lie in the body. */
    interface PartsReader {
        ByteBuf[] read(ByteBuf in);
    }

    private FrameBodies() {
    }

    /** The fields before the parts. */
    static void writeHead(Frame f, ByteBuf out) {
        switch (f.type()) {
            case HELLO -> {
                Hello h = (Hello) f;
                out.writeInt(h.version());
                out.writeInt(h.rank());
                out.writeInt(h.size());
                writeString(out, h.token());
                writeString(out, h.shm());
                writeString(out, h.data());
                writeString(out, h.host());
                if (h.pipe() != null) {
                    writeString(out, h.pipe());
                }
            }
            case WELCOME -> {
                Welcome w = (Welcome) f;
                out.writeInt(w.version());
                out.writeInt(w.flags());
            }
            case REFUSED -> writeString(out, ((Refused) f).reason());
            case CANCEL -> out.writeInt(((Cancel) f).reqId());
            case BYE -> {
            }
            case COLL_CALL -> {
                CollCall c = (CollCall) f;
                out.writeInt(c.reqId());
                out.writeByte(c.kind().code());
                out.writeInt(c.comm());
                out.writeLong(c.seq());
                out.writeInt(c.root());
                out.writeInt(c.op());
                out.writeByte(c.elemType());
            }
            case SPLIT_CALL -> {
                SplitCall c = (SplitCall) f;
                out.writeInt(c.reqId());
                out.writeInt(c.comm());
                out.writeLong(c.seq());
                out.writeInt(c.color());
                out.writeInt(c.key());
            }
            case COMM_NAME -> {
                CommName n = (CommName) f;
                out.writeInt(n.comm());
                writeString(out, n.name());
            }
            case CREATE_GROUP_CALL -> {
                CreateGroupCall c = (CreateGroupCall) f;
                out.writeInt(c.reqId());
                out.writeInt(c.comm());
                out.writeLong(c.seq());
                out.writeInt(c.tag());
                writeInts(out, c.ranks());
            }
            case CUSTOM_CALL -> {
                CustomCall c = (CustomCall) f;
                out.writeInt(c.reqId());
                out.writeInt(c.comm());
                out.writeLong(c.seq());
                writeInts(out, c.src());
                writeInts(out, c.dst());
            }
            case SEND_CALL -> {
                SendCall c = (SendCall) f;
                out.writeInt(c.reqId());
                out.writeInt(c.comm());
                out.writeInt(c.dest());
                out.writeInt(c.tag());
                out.writeByte(c.sync() ? 1 : 0);
                out.writeByte(c.elemType());
            }
            case RECV_CALL -> {
                RecvCall c = (RecvCall) f;
                out.writeInt(c.reqId());
                out.writeByte(c.kind().code());
                out.writeInt(c.comm());
                out.writeInt(c.source());
                out.writeInt(c.tag());
            }
            case PEER_QUERY -> {
                PeerQuery q = (PeerQuery) f;
                out.writeInt(q.reqId());
                out.writeInt(q.rank());
            }
            case PEER_MESSAGE -> {
                PeerMessage m = (PeerMessage) f;
                out.writeInt(m.comm());
                out.writeInt(m.source());
                out.writeInt(m.tag());
                out.writeByte(m.flags());
                out.writeInt(m.syncId());
                out.writeByte(m.elemType());
            }
            case SHARED_CALL -> {
                SharedCall c = (SharedCall) f;
                out.writeInt(c.reqId());
                out.writeInt(c.comm());
                out.writeByte(c.op().code());
                writeString(out, c.name());
                out.writeLong(c.a());
                out.writeLong(c.b());
            }
            case RANK_QUERY -> {
                out.writeInt(((RankQuery) f).id());
                out.writeBoolean(((RankQuery) f).threads());
            }
            case RANK_REPORT -> {
                out.writeInt(((RankReport) f).id());
                writeString(out, ((RankReport) f).threads());
                writeString(out, ((RankReport) f).waits());
            }
            case PEER_ACK -> out.writeInt(((PeerAck) f).syncId());
            case RANK_FAILED -> out.writeInt(((RankFailed) f).rank());
            case JOB_ABORTED -> {
                JobAborted a = (JobAborted) f;
                out.writeInt(a.rank());
                out.writeInt(a.code());
            }
            case PEER_OFFER -> {
                PeerOffer o = (PeerOffer) f;
                out.writeInt(o.comm());
                out.writeInt(o.source());
                out.writeInt(o.tag());
                out.writeByte(o.flags());
                out.writeInt(o.offerId());
                out.writeByte(o.elemType());
                out.writeLong(o.bytes());
            }
            case PEER_GO -> {
                out.writeInt(((PeerGo) f).offerId());
                out.writeBoolean(((PeerGo) f).send());
            }
            case PEER_CHUNK -> out.writeInt(((PeerChunk) f).offerId());
            case PEER_WITHDRAW -> {
                out.writeInt(((PeerWithdraw) f).id());
                out.writeByte(((PeerWithdraw) f).flags());
            }
            case SURVIVOR_CALL -> {
                SurvivorCall c = (SurvivorCall) f;
                out.writeInt(c.reqId());
                out.writeByte(c.kind().code());
                out.writeInt(c.comm());
                out.writeLong(c.seq());
                out.writeInt(c.flag());
            }
            case REVOKE_CALL -> {
                out.writeInt(((RevokeCall) f).reqId());
                out.writeInt(((RevokeCall) f).comm());
            }
            case ACK_CALL -> {
                out.writeInt(((AckCall) f).reqId());
                out.writeInt(((AckCall) f).comm());
                writeInts(out, ((AckCall) f).failed());
            }
            case COMM_REVOKED -> {
                out.writeInt(((CommRevoked) f).comm());
                out.writeInt(((CommRevoked) f).byRank());
            }
            case REPLY -> {
                Reply r = (Reply) f;
                out.writeInt(r.reqId());
                out.writeByte(r.status());
                out.writeInt(r.source());
                out.writeInt(r.tag());
                // only the coordinator's replies travel, and a frame holds less than 2 GiB
                out.writeInt(Math.toIntExact(r.count()));
                out.writeByte(r.elemType());
                writeInts(out, r.comm());
            }
        }
    }

    /** The fields after the parts: a failed reply's error. */
    static void writeTail(Frame f, ByteBuf out) {
        if (f instanceof Reply r && r.status() == Reply.ERROR) {
            ErrorInfo e = r.error();
            out.writeByte(e.kind());
            out.writeInt(e.errorClass());
            writeString(out, e.type());
            writeString(out, e.message());
            writeString(out, e.stack());
            out.writeInt(e.failedRank());
        }
    }

    /** Reads a whole frame of the given type; the parts come from parts, in their place. */
    static Frame read(FrameType type, ByteBuf in, PartsReader parts) {
        return switch (type) {
            // a hello of an older version ends before the data field: absent, so that admission refuses
            // it for its version rather than the codec for its length
            case HELLO -> new Hello(in.readInt(), in.readInt(), in.readInt(), readString(in), readString(in),
                    in.isReadable() ? readString(in) : null, in.isReadable() ? readString(in) : null,
                    in.isReadable() ? readString(in) : null);
            case WELCOME -> new Welcome(in.readInt(), in.readInt());
            case REFUSED -> new Refused(readString(in));
            case CANCEL -> new Cancel(in.readInt());
            case BYE -> new Bye();
            case COLL_CALL -> readCollCall(in, parts);
            case SPLIT_CALL -> new SplitCall(in.readInt(), in.readInt(), in.readLong(), in.readInt(), in.readInt());
            case COMM_NAME -> new CommName(in.readInt(), readString(in));
            case CREATE_GROUP_CALL -> new CreateGroupCall(in.readInt(), in.readInt(), in.readLong(), in.readInt(),
                    readInts(in));
            case CUSTOM_CALL -> new CustomCall(in.readInt(), in.readInt(), in.readLong(), readInts(in), readInts(in),
                    parts.read(in));
            case SEND_CALL -> new SendCall(in.readInt(), in.readInt(), in.readInt(), in.readInt(), readBoolean(in),
                    in.readByte(), parts.read(in));
            case RECV_CALL -> readRecvCall(in);
            case REPLY -> readReply(in, parts);
            case PEER_QUERY -> new PeerQuery(in.readInt(), in.readInt());
            case PEER_MESSAGE -> new PeerMessage(in.readInt(), in.readInt(), in.readInt(), in.readByte(), in.readInt(),
                    in.readByte(), parts.read(in));
            case PEER_ACK -> new PeerAck(in.readInt());
            case RANK_FAILED -> new RankFailed(in.readInt());
            case JOB_ABORTED -> new JobAborted(in.readInt(), in.readInt());
            case PEER_OFFER -> readOffer(in);
            case PEER_GO -> new PeerGo(in.readInt(), readBoolean(in));
            case PEER_CHUNK -> new PeerChunk(in.readInt(), parts.read(in));
            case PEER_WITHDRAW -> new PeerWithdraw(in.readInt(), in.readByte());
            case SURVIVOR_CALL -> readSurvivorCall(in);
            case REVOKE_CALL -> new RevokeCall(in.readInt(), in.readInt());
            case COMM_REVOKED -> new CommRevoked(in.readInt(), in.readInt());
            case ACK_CALL -> new AckCall(in.readInt(), in.readInt(), readInts(in));
            case SHARED_CALL -> readSharedCall(in, parts);
            case RANK_QUERY -> new RankQuery(in.readInt(), readBoolean(in));
            case RANK_REPORT -> new RankReport(in.readInt(), readString(in), readString(in));
        };
    }

    private static SurvivorCall readSurvivorCall(ByteBuf in) {
        int reqId = in.readInt();
        Kind kind = Kind.ofCode(in.readByte());
        if (kind.category() != Kind.Category.SURVIVORS) {
            throw new MalformedFrameException("an operation of the survivors of kind " + kind.label());
        }
        return new SurvivorCall(reqId, kind, in.readInt(), in.readLong(), in.readInt());
    }

    private static CollCall readCollCall(ByteBuf in, PartsReader parts) {
        int reqId = in.readInt();
        Kind kind = Kind.ofCode(in.readByte());
        if (kind.category() != Kind.Category.COLLECTIVE) {
            throw new MalformedFrameException("a collective call of kind " + kind.label());
        }
        return new CollCall(reqId, kind, in.readInt(), in.readLong(), in.readInt(), in.readInt(), in.readByte(),
                parts.read(in));
    }

    private static SharedCall readSharedCall(ByteBuf in, PartsReader parts) {
        int reqId = in.readInt();
        int comm = in.readInt();
        SharedOp op = SharedOp.ofCode(in.readByte());
        String name = readString(in);
        if (name == null) {
            throw new MalformedFrameException("a shared-state call without a name");
        }
        return new SharedCall(reqId, comm, op, name, in.readLong(), in.readLong(), parts.read(in));
    }

    private static PeerOffer readOffer(ByteBuf in) {
        PeerOffer o = new PeerOffer(in.readInt(), in.readInt(), in.readInt(), in.readByte(), in.readInt(), in.readByte(),
                in.readLong());
        if (o.bytes() < 0) {
            throw new MalformedFrameException("an offer of " + o.bytes() + " bytes");
        }
        return o;
    }

    private static RecvCall readRecvCall(ByteBuf in) {
        int reqId = in.readInt();
        Kind kind = Kind.ofCode(in.readByte());
        if (kind != Kind.RECV && kind != Kind.PROBE && kind != Kind.IPROBE && kind != Kind.IMPROBE) {
            throw new MalformedFrameException("a receive call of kind " + kind.label());
        }
        return new RecvCall(reqId, kind, in.readInt(), in.readInt(), in.readInt());
    }

    private static Reply readReply(ByteBuf in, PartsReader parts) {
        int reqId = in.readInt();
        byte status = in.readByte();
        int source = in.readInt();
        int tag = in.readInt();
        int count = in.readInt();
        byte elemType = in.readByte();
        int[] comm = readInts(in);
        ByteBuf[] p = parts.read(in);
        ErrorInfo e = null;
        if (status == Reply.ERROR) {
            e = new ErrorInfo(in.readByte(), in.readInt(), readString(in), readString(in), readString(in), in.readInt());
        }
        return new Reply(reqId, status, source, tag, count, elemType, comm, p, e);
    }
}
