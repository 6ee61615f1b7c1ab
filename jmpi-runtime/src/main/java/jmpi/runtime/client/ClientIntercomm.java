package jmpi.runtime.client;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import jmpi.Comm;
import jmpi.Group;
import jmpi.Intercomm;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Op;
import jmpi.Request;

/**
 * An intercommunicator of a connected rank. Its own communicator holds both groups, and its
 * point-to-point calls name the remote group's ranks ({@link CommCore#member}); its collectives run
 * on {@code inner}, a twin of both groups in the same order, so that their messages never meet the
 * program's: a bcast is the root's sends to every remote rank, the others are the inner
 * communicator's own collectives, each rank keeping the remote group's part.
 */
final class ClientIntercomm extends ClientComm implements Intercomm {
    /** The tag of a bcast's messages on inner, whose point-to-point traffic is only theirs. */
    private static final int BCAST = 0;

    private final ClientComm inner;
    private final int peerBase;
    private final int peerCount;
    private final int localBase;
    private final int localCount;
    private final InterBuffers across;

    ClientIntercomm(CommCore core, ClientComm inner) {
        super(core);
        this.inner = inner;
        this.peerBase = core.member(0);
        this.peerCount = core.peers();
        // the groups lie side by side: the local one before the remote one, or after it
        this.localBase = peerBase == 0 ? peerCount : 0;
        this.localCount = core.size() - peerCount;
        this.across = new InterBuffers(inner, peerBase, peerCount);
    }

    @Override
    public int rank() {
        return core.rank() - localBase;
    }

    @Override
    public int size() {
        return localCount;
    }

    @Override
    public int remoteSize() {
        return peerCount;
    }

    @Override
    public Group group() {
        return groupOf(localBase, localCount);
    }

    @Override
    public Group remoteGroup() {
        return groupOf(peerBase, peerCount);
    }

    private Group groupOf(int base, int count) {
        core.checkUsable();
        int[] members = core.members();
        return Group.of(members[core.rank()], Arrays.copyOfRange(members, base, base + count));
    }

    @Override
    public Intercomm Dup() {
        core.checkLive();
        return Intercomms.over((ClientComm) inner.Dup(), peerBase, peerCount);
    }

    /** Made before it returns: a duplicate is two creations, one after the other (the inner twin, then its split). */
    @Override
    public Request<Comm> Idup() {
        return FutureRequest.completed(Dup(), null);
    }

    @Override
    public Comm Merge(boolean high) {
        core.checkLive();
        List<Boolean> flags = inner.allgather(high);
        // every rank sees every flag, so a group that disagrees fails on every rank alike
        boolean localHigh = agreed(flags, localBase, localCount, "this rank's group");
        boolean remoteHigh = agreed(flags, peerBase, peerCount, "the remote group");
        boolean localFirst = localHigh != remoteHigh ? !localHigh : localBase == 0;
        return inner.Split(0, (localFirst ? 0 : peerCount) + rank());
    }

    private static boolean agreed(List<Boolean> flags, int base, int count, String whose) {
        List<Boolean> group = flags.subList(base, base + count);
        if (group.contains(!group.get(0))) {
            throw new MPIException(MPI.ERR_ARG, "Merge: the ranks of " + whose + " passed different values of high "
                    + group + "; every rank of a group passes the same");
        }
        return group.get(0);
    }

    @Override
    public void Free() {
        super.Free();
        inner.Free();
    }

    // ---- collectives across the groups -------------------------------------------------------------

    @Override
    public Request<Void> ibarrier() {
        core.checkLive();
        return inner.ibarrier();
    }

    @Override
    public <T> Request<List<T>> iallgather(T obj) {
        core.checkLive();
        Request<List<T>> all = inner.iallgather(obj);
        return new JoinedRequest<>(List.of(all), () -> remotePart(all.waitFor()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> Request<R> iallreduce(Object obj, Op op) {
        core.checkLive();
        Checks.op(op);
        Request<List<Object>> all = inner.iallgather(obj);
        // folded here, in the remote group's rank order, so a user operation runs on the ranks on every path
        return new JoinedRequest<>(List.of(all), () -> (R) op.reduce(remotePart(all.waitFor())));
    }

    @Override
    public Request<Void> Iallgather(Object sendbuf, Object recvbuf) {
        core.checkLive();
        return across.allgather(sendbuf, recvbuf);
    }

    @Override
    public Request<Void> Iallreduce(Object sendbuf, Object recvbuf, Op op) {
        core.checkLive();
        return across.allreduce(sendbuf, recvbuf, op);
    }

    private <T> List<T> remotePart(List<T> all) {
        return new ArrayList<>(all.subList(peerBase, peerBase + peerCount));
    }

    @Override
    public <T> Request<T> ibcast(T obj, int root) {
        return rooted(root, to -> inner.isend(obj, to, BCAST), from -> inner.irecv(from, BCAST));
    }

    @Override
    public Request<Void> Ibcast(Object buf, int root) {
        return rooted(root, to -> inner.Isend(buf, to, BCAST),
                from -> new JoinedRequest<Void>(List.of(inner.Irecv(buf, from, BCAST)), () -> null));
    }

    /**
     * A bcast across the groups: the root sends to every remote rank (nothing is returned on its side),
     * its group's other ranks do nothing, and each remote rank receives from it.
     */
    private <T> Request<T> rooted(int root, IntFunction<Request<?>> send, IntFunction<Request<?>> receive) {
        core.checkLive();
        if (root == MPI.PROC_NULL) {
            return FutureRequest.completed(null, null);
        }
        if (root == MPI.ROOT) {
            List<Request<?>> sends = new ArrayList<>();
            for (int r = 0; r < peerCount; r++) {
                sends.add(send.apply(peerBase + r));
            }
            return new JoinedRequest<>(sends, () -> null);
        }
        if (root < 0 || root >= peerCount) {
            throw new MPIException(MPI.ERR_ROOT, "bcast on an intercommunicator: root " + root + " out of range [0, "
                    + peerCount + ") of the remote group; the root passes MPI.ROOT, its group's other ranks"
                    + " MPI.PROC_NULL");
        }
        Request<?> received = receive.apply(peerBase + root);
        return new JoinedRequest<>(List.of(received), () -> cast(received.waitFor()));
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) {
        return (T) o;
    }

    @Override
    public String toString() {
        return "Intercomm[id=" + core.id() + ", rank=" + rank() + ", size=" + size() + ", remote size=" + peerCount
                + "]";
    }
}
