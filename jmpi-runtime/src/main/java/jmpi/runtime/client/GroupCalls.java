package jmpi.runtime.client;

import java.util.Arrays;
import jmpi.Comm;
import jmpi.Group;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.runtime.link.Link;
import jmpi.runtime.wire.CommName;
import jmpi.runtime.wire.CreateGroupCall;
import jmpi.runtime.wire.MatchedCall;
import jmpi.runtime.wire.Reply;
import jmpi.runtime.wire.SplitCall;

/**
 * A communicator's group and the communicators made from it: Split and its forms (Dup, Create,
 * Split_type) are one matched call over the whole communicator, Create_group one over the group's
 * members; the coordinator decides each new communicator's id and members. Also its name, which
 * the coordinator hears of to show it.
 */
final class GroupCalls {
    private final CommCore core;
    private volatile String name;

    GroupCalls(CommCore core) {
        this.core = core;
    }

    /** Local, so it works on a revoked communicator too: Get_failed needs it there. */
    Group group() {
        core.checkUsable();
        return Group.of(core.members()[core.rank()], core.members());
    }

    /** Split, or a form of it: color may be {@link SplitCall#SAME_HOST}. */
    FutureRequest<Comm> split(int color, int key) {
        return split(color, key, ClientComm::new);
    }

    /** A split whose new communicator make builds (one with a topology, say). */
    FutureRequest<Comm> split(int color, int key, ClientComm.Maker make) {
        core.checkLive();
        core.checkIntra("Split");
        return newComm(reqId -> new SplitCall(reqId, core.id(), core.nextSeq(), color, key), make);
    }

    FutureRequest<Comm> create(Group group) {
        core.checkLive();
        core.checkIntra("Create");
        commRanks(group, "Create");
        int mine = group.rank();
        return split(mine == MPI.UNDEFINED ? MPI.UNDEFINED : 0, mine == MPI.UNDEFINED ? 0 : mine);
    }

    FutureRequest<Comm> createGroup(Group group, int tag) {
        core.checkLive();
        core.checkIntra("Create_group");
        Checks.sendTag(tag);
        int[] ranks = commRanks(group, "Create_group");
        if (group.rank() == MPI.UNDEFINED) {
            throw new MPIException(MPI.ERR_RANK, "Create_group: rank " + core.rank() + " is not in " + group
                    + "; only the group's members call Create_group (the others may call Create)");
        }
        return createGroup(ranks, tag);
    }

    /** A communicator of these ranks of this one, in this order, made by them alone; the caller is one of them. */
    FutureRequest<Comm> createGroup(int[] ranks, int tag) {
        long seq = core.nextGroupSeq(CreateGroupCall.groupOf(tag, ranks));
        return newComm(reqId -> new CreateGroupCall(reqId, core.id(), seq, tag, ranks));
    }

    FutureRequest<Comm> splitType(int splitType, int key) {
        core.checkIntra("Split_type");
        if (splitType != MPI.COMM_TYPE_SHARED && splitType != MPI.UNDEFINED) {
            throw new MPIException(MPI.ERR_ARG, "Split_type takes MPI.COMM_TYPE_SHARED or MPI.UNDEFINED, not " + splitType);
        }
        return split(splitType == MPI.UNDEFINED ? MPI.UNDEFINED : SplitCall.SAME_HOST, key);
    }

    String name() {
        String n = name;
        if (n != null) {
            return n;
        }
        ClientSession s = core.session();
        return s.world() instanceof ClientComm w && w.core() == core ? "MPI_COMM_WORLD"
                : s.self() instanceof ClientComm me && me.core() == core ? "MPI_COMM_SELF" : "";
    }

    void name(String n) {
        core.checkLive();
        if (n == null) {
            throw new MPIException(MPI.ERR_ARG, "Set_name needs a name, not null");
        }
        name = n;
        if (core.data() != null) {
            core.data().labels().named(core.id(), n);
        }
        if (!onOwnCoordinator(core.conn())) {
            // one way and only when named: the coordinator shows it, nothing waits for it
            core.conn().sendOneWay(new CommName(core.id(), n));
        }
    }

    /** Whether the link goes to the coordinator of this rank alone (COMM_SELF's and what was made of it). */
    private boolean onOwnCoordinator(Link link) {
        return core.session().self() instanceof ClientComm me && me.core().conn() == link;
    }

    /** The communicator ranks of a group's processes, in the group's order; ERR_GROUP for a stranger. */
    private int[] commRanks(Group group, String op) {
        if (group == null) {
            throw new MPIException(MPI.ERR_GROUP, op + " needs a group, not null");
        }
        int[] world = group.worldRanks();
        int[] members = core.members();
        int[] ranks = new int[world.length];
        for (int i = 0; i < world.length; i++) {
            int w = world[i];
            ranks[i] = indexOf(members, w);
            if (ranks[i] < 0) {
                throw new MPIException(MPI.ERR_GROUP, op + ": world rank " + w + " of " + group
                        + " is not in this communicator " + Arrays.toString(members)
                        + "; make the group from this communicator's group()");
            }
        }
        return ranks;
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        return -1;
    }

    interface CallOf {
        MatchedCall call(int reqId);
    }

    /** Sends the call; its reply names the new communicator: {@code [id, rank, world ranks…]}, or {@code [-1]} for none. */
    FutureRequest<Comm> newComm(CallOf call) {
        return newComm(call, ClientComm::new);
    }

    private FutureRequest<Comm> newComm(CallOf call, ClientComm.Maker make) {
        FutureRequest<Comm> r = new FutureRequest<>();
        Link link = core.conn();
        r.drivenBy(link);
        int reqId = link.nextId();
        link.send(call.call(reqId), reqId, reply -> {
            if (reply.status() != Reply.OK) {
                r.fail(reply.error().toException());
            } else if (reply.comm()[0] < 0) {
                r.complete(MPI.COMM_NULL, null);
            } else {
                int[] a = reply.comm();
                r.complete(make.make(core.session(), link, core.data(), a[0], a[1], worldOf(link, a)), null);
            }
        });
        return r;
    }

    /**
     * The world ranks of a new communicator's members: as the coordinator gave them, except on the
     * coordinator of this rank alone, whose world is this rank, as 0.
     */
    private int[] worldOf(Link link, int[] answer) {
        if (onOwnCoordinator(link)) {
            return new int[] {core.members()[core.rank()]};
        }
        return Arrays.copyOfRange(answer, 2, answer.length);
    }
}
