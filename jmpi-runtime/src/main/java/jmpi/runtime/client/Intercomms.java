package jmpi.runtime.client;

import java.util.Arrays;
import java.util.stream.IntStream;
import jmpi.Comm;
import jmpi.Intercomm;
import jmpi.MPI;
import jmpi.MPIException;

/**
 * How an intercommunicator is made. The leaders swap their groups over the peer communicator and
 * tell their own group; then both groups make, through the world's coordinator, one communicator of
 * the two (the group of the lower world rank first), on which the intercommunicator's collectives
 * run, and split it once more for the intercommunicator's own messages. So its ids are decided by the
 * coordinator like any communicator's, and it travels every path and carrier that they do.
 */
final class Intercomms {
    private Intercomms() {
    }

    /** Create_intercomm, collective over local's ranks. */
    static Intercomm create(CommLifecycle local, int localLeader, Comm peerComm, int remoteLeader, int tag) {
        CommCore core = local.core();
        core.checkLive();
        core.checkIntra("Create_intercomm");
        if (localLeader < 0 || localLeader >= core.size()) {
            throw new MPIException(MPI.ERR_RANK, "Create_intercomm: local leader " + localLeader
                    + " out of range [0, " + core.size() + ") of this communicator; every rank passes the same");
        }
        Checks.sendTag(tag);
        int[] mine = core.members();
        int[] remote;
        if (core.rank() == localLeader) {
            try {
                remote = askRemoteLeader(mine, peerComm, remoteLeader, tag);
            } catch (RuntimeException e) {
                tellGroup(local, localLeader, e);
                throw e;
            }
            local.bcast(remote, localLeader);
        } else {
            remote = fromLeader(local.bcast(null, localLeader), localLeader);
        }
        boolean lowFirst = IntStream.of(mine).min().getAsInt() < IntStream.of(remote).min().getAsInt();
        int[] both = lowFirst ? concat(mine, remote) : concat(remote, mine);
        CommLifecycle world = (CommLifecycle) core.session().world();
        Comm inner = world.createGroup(worldCommRanks(world.core(), both), tag);
        return over((ClientComm) inner, lowFirst ? mine.length : 0, remote.length);
    }

    /**
     * The intercommunicator whose collectives run on inner, a communicator of both groups; the
     * remote group is peerCount ranks of it from peerBase on.
     */
    static ClientIntercomm over(ClientComm inner, int peerBase, int peerCount) {
        try {
            return (ClientIntercomm) inner.split(0, inner.rank(), (session, link, data, id, rank, members) ->
                    new ClientIntercomm(new CommCore(session, link, data, id, rank, members, peerBase, peerCount,
                            true), inner));
        } catch (RuntimeException e) {
            inner.Free();
            throw e;
        }
    }

    /**
     * Tells the leader's group that it failed, so that nobody waits for a leader that gave up; the
     * leader reports its own failure, whatever becomes of this bcast.
     */
    private static void tellGroup(CommLifecycle local, int leader, RuntimeException failed) {
        int errorClass = failed instanceof MPIException m ? m.errorClass() : MPI.ERR_OTHER;
        try {
            local.bcast(errorClass + "\n" + failed.getMessage(), leader);
        } catch (RuntimeException e) {
            failed.addSuppressed(e);
        }
    }

    /** The remote group's world ranks, as the leader told them, or the leader's failure thrown here too. */
    private static int[] fromLeader(Object told, int leader) {
        if (told instanceof String failure) {
            int cut = failure.indexOf('\n');
            throw new MPIException(Integer.parseInt(failure.substring(0, cut)), "Create_intercomm failed at the"
                    + " local leader (rank " + leader + "): " + failure.substring(cut + 1));
        }
        return (int[]) told;
    }

    /** The leader's part: swaps the groups' world ranks with the remote leader, checking what it can first. */
    private static int[] askRemoteLeader(int[] mine, Comm peerComm, int remoteLeader, int tag) {
        if (peerComm == null) {
            throw new MPIException(MPI.ERR_COMM, "Create_intercomm needs, at the local leader, a peer communicator"
                    + " that holds both leaders, not null");
        }
        if (remoteLeader < 0 || remoteLeader >= peerComm.size()) {
            throw new MPIException(MPI.ERR_RANK, "Create_intercomm: remote leader " + remoteLeader
                    + " out of range [0, " + peerComm.size() + ") of the peer communicator");
        }
        if (remoteLeader == peerComm.rank()) {
            throw new MPIException(MPI.ERR_RANK, "Create_intercomm: the remote leader " + remoteLeader
                    + " is the local leader itself; name the other group's leader, as a rank of the peer communicator");
        }
        int[] remote = peerComm.sendrecv(mine, remoteLeader, tag, remoteLeader, tag);
        for (int w : remote) {
            if (IntStream.of(mine).anyMatch(m -> m == w)) {
                throw new MPIException(MPI.ERR_GROUP, "Create_intercomm: world rank " + w + " is in both groups "
                        + Arrays.toString(mine) + " and " + Arrays.toString(remote)
                        + "; an intercommunicator joins two disjoint groups");
            }
        }
        return remote;
    }

    /** The world communicator's ranks of these world ranks. */
    private static int[] worldCommRanks(CommCore world, int[] worldRanks) {
        int[] members = world.members();
        return IntStream.of(worldRanks)
                .map(w -> IntStream.range(0, members.length).filter(i -> members[i] == w).findFirst().orElseThrow())
                .toArray();
    }

    private static int[] concat(int[] a, int[] b) {
        int[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
