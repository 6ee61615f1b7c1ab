package jmpi.runtime.client;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletableFuture;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.runtime.coll.Exchange;
import jmpi.runtime.coll.Ops;
import jmpi.runtime.p2p.CollectiveMessages;
import jmpi.runtime.serial.ObjectSerializer;
import jmpi.runtime.wire.CollCall;
import jmpi.runtime.wire.ErrorInfo;
import jmpi.runtime.wire.Kind;
import jmpi.runtime.wire.Parts;

/**
 * One collective's messages on the data plane, tagged with its sequence number and with a word
 * saying which collective it is (kind, op, root), which the receiver compares with its own: ranks
 * that called different collectives at one step fail with "collective mismatch", as on the coordinator.
 */
final class RankExchange implements Exchange {
    private final CommCore comm;
    private final CollectiveMessages messages;
    private final CollCall call;
    private final int word;
    private static final int USER_OP = 0x80;

    RankExchange(CommCore comm, CollectiveMessages messages, CollCall call) {
        this.comm = comm;
        this.messages = messages;
        this.call = call;
        this.word = word(call.kind(), call.op(), call.root());
    }

    /**
     * Kind, op and root in one int; a root past 16 bits is cut, which only weakens the check. A user
     * operation's number is this JVM's own, so it goes by its name: 0x80 as the op, and 16 bits of a hash
     * of (name, root) in the root's place.
     */
    private static int word(Kind kind, int op, int root) {
        if (Ops.isUser(op)) {
            int h = Ops.of(op).name().hashCode() * 31 + root;
            return (kind.code() & 0xff) | USER_OP << 8 | (h ^ h >>> 16) << 16;
        }
        return (kind.code() & 0xff) | (op & 0xff) << 8 | root << 16;
    }

    @Override
    public int rank() {
        return comm.rank();
    }

    @Override
    public int size() {
        return comm.size();
    }

    @Override
    public ObjectSerializer serial() {
        return comm.serial();
    }

    @Override
    public CompletableFuture<Void> send(int to, ByteBuf[] parts) {
        return messages.send(comm.id(), comm.rank(), comm.members()[to], call.seq(), word, call.elemType(), parts,
                false);
    }

    @Override
    public CompletableFuture<Void> fail(int to, ErrorInfo why) {
        return messages.send(comm.id(), comm.rank(), comm.members()[to], call.seq(), word, call.elemType(),
                new ByteBuf[] {why.toPart()}, true);
    }

    @Override
    public CompletableFuture<ByteBuf[]> recv(int from) {
        return messages.receive(comm.id(), from, comm.members()[from], call.seq(),
                call.kind().label() + " #" + call.seq(), comm.members()).thenApply(m -> {
            if (m.syncId() != word || m.elemType() != call.elemType()) {
                Parts.release(m.parts());
                throw new MPIException(MPI.ERR_OTHER, "collective mismatch: ranks called " + mine()
                        + " and " + signature(m.syncId(), m.elemType()) + " as operation " + call.seq()
                        + " of the communicator");
            }
            return m.parts();
        });
    }

    private String mine() {
        return Ops.isUser(call.op()) ? call.signature() + " with user operation '" + Ops.of(call.op()).name() + "'"
                : call.signature();
    }

    private static String signature(int word, int elemType) {
        String kind = Kind.ofCode((byte) word).label();
        if (((word >>> 8) & 0xff) == USER_OP) {
            return kind + " with a user operation of another name (or another root)";
        }
        return kind + "(op " + ((word >>> 8) & 0xff) + ", root " + (word >>> 16) + ", "
                + (elemType == 0 ? "objects" : "element type " + elemType) + ")";
    }
}
