package jmpi.runtime.coordinator;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.io.IOException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Op;
import jmpi.op.OperationContext;
import jmpi.runtime.elem.ElementType;
import jmpi.runtime.elem.Reductions;
import jmpi.runtime.serial.ObjectSerializer;
import jmpi.runtime.shm.Segment;
import jmpi.runtime.shm.ShmBuf;
import jmpi.runtime.shm.ShmLink;
import jmpi.runtime.wire.Call;
import jmpi.runtime.wire.ErrorInfo;
import jmpi.runtime.wire.FrameCodec;
import jmpi.runtime.wire.Hello;
import jmpi.runtime.wire.Kind;
import jmpi.runtime.wire.Parts;
import jmpi.runtime.wire.Refused;
import jmpi.runtime.wire.Reply;
import jmpi.runtime.wire.Welcome;

/**
 * The coordinator's state machine: matches the calls of a job's ranks and answers them.
 *
 * <p>Every method runs on the coordinator's single event loop thread, so the state needs no locks.
 * Replies are written without flushing; {@link #flush()} runs once per read burst.
 *
 * <p>Payloads are never copied here: a call's parts are slices of the bytes read, kept (retained) while
 * the operation waits, and forwarded to each destination as new references to the same memory;
 * buffer reductions fold into the first member's bytes in place.
 */
final class Engine {
    private static final System.Logger LOG = System.getLogger(Engine.class.getName());
    private static final Op[] OPS = Op.values();

    private final ObjectSerializer serial;
    private final String requiredToken;
    private final int expectedSize;
    private final long heldLimit;

    // the current job; reset when its last rank leaves, so a standalone server serves jobs in turn
    private int size;
    private String jobToken;
    private Channel[] channels;
    private String[] lastCall;
    private long[] lastCallAt;
    private boolean[] left;
    private boolean[] failed;
    /** Bytes of each rank's messages that wait for a receive; above heldLimit the rank is not read. */
    private long[] held;
    private boolean[] paused;
    /** The shared-memory segment each rank offered and this coordinator mapped, removed when the job ends. */
    private String[] segments;
    /** Bytes of each rank's payloads that arrived as names of shared memory, not through the socket. */
    private long[] sharedBytes;
    private boolean shm;
    private int nextCommId;
    private final Map<Integer, CommInfo> comms = new HashMap<>();
    private final Map<CollKey, Pending> pending = new HashMap<>();
    private final Map<Long, Mailbox> mailboxes = new HashMap<>();
    private final Set<Channel> dirty = new LinkedHashSet<>();
    /** Connections with more than JMPI_SERIAL_QUEUE bytes waiting to be written. */
    private final Set<Channel> congested = new HashSet<>();
    private CompletableFuture<Void> jobDone = new CompletableFuture<>();

    /** Identifies one collective: communicator, group (empty for the whole communicator), number. */
    private record CollKey(int comm, String group, long seq) {
    }

    Engine(ObjectSerializer serial, String requiredToken, int expectedSize) {
        this(serial, requiredToken, expectedSize, Long.MAX_VALUE);
    }

    /** heldLimit: bytes of a rank's sent messages that may wait for their receives before it is paused. */
    Engine(ObjectSerializer serial, String requiredToken, int expectedSize, long heldLimit) {
        this.serial = serial;
        this.requiredToken = requiredToken;
        this.expectedSize = expectedSize;
        this.heldLimit = heldLimit;
    }

    /** Lets ranks on this host exchange large payloads through their shared-memory segments. */
    void acceptShm(boolean accept) {
        this.shm = accept;
    }

    /** Completes when every rank of the current (or, between jobs, the last) job has left. */
    CompletableFuture<Void> jobDone() {
        return jobDone;
    }

    // ---- connections ------------------------------------------------------------------------------

    /** Admits a rank, or refuses it with a reason; returns the rank or -1. */
    int hello(Channel ch, Hello h) {
        String why = null;
        if (h.version() != FrameCodec.VERSION) {
            why = "protocol version " + h.version() + " is not " + FrameCodec.VERSION;
        } else if (h.size() < 1 || (expectedSize > 0 && h.size() != expectedSize) || (channels != null && h.size() != size)) {
            why = "job size " + h.size() + " does not match this job's size " + (channels != null ? size : expectedSize);
        } else if (h.rank() < 0 || h.rank() >= h.size()) {
            why = "rank " + h.rank() + " out of range [0, " + h.size() + ")";
        } else if (!tokenMatches(h.token())) {
            why = "wrong job token";
        } else if (channels != null && (channels[h.rank()] != null || left[h.rank()])) {
            why = "rank " + h.rank() + " is already connected";
        }
        if (why != null) {
            LOG.log(System.Logger.Level.WARNING, "refused a rank from {0}: {1}", ch.remoteAddress(), why);
            ch.writeAndFlush(new Refused(why)).addListener(f -> ch.close());
            return -1;
        }
        if (channels == null) {
            startJob(h.size(), h.token());
        }
        channels[h.rank()] = ch;
        updateReading(h.rank());
        ch.writeAndFlush(new Welcome(FrameCodec.VERSION, mapSegment(ch, h) ? Welcome.SHM : 0));
        return h.rank();
    }

    /**
     * Maps the segment a rank offered: if that works, it lies on this host (the header proves it is
     * the rank's file), and frames on this connection may name blocks in it and in its peers' segments.
     */
    private boolean mapSegment(Channel ch, Hello h) {
        if (!shm || h.shm() == null) {
            return false;
        }
        try {
            Segment.open(h.shm());
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "rank {0} is not on this host, or its shared memory is not ours to map: {1}",
                    h.rank(), e);
            return false;
        }
        segments[h.rank()] = h.shm();
        // set before the next frame is decoded: reading it runs on this thread, after this handler
        // a rank may name only this job's segments: the reference counts of any other are not its to touch
        String[] job = segments;
        ch.attr(ShmLink.KEY).set(new ShmLink(null, true, name -> Arrays.asList(job).contains(name)));
        return true;
    }

    private boolean tokenMatches(String token) {
        String expected = requiredToken != null ? requiredToken : jobToken;
        if (expected == null) {
            return requiredToken != null || channels == null || token == null;
        }
        return token != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }

    private void startJob(int n, String token) {
        if (jobDone.isDone()) {
            jobDone = new CompletableFuture<>();
        }
        size = n;
        jobToken = token;
        channels = new Channel[n];
        lastCall = new String[n];
        lastCallAt = new long[n];
        left = new boolean[n];
        failed = new boolean[n];
        held = new long[n];
        paused = new boolean[n];
        segments = new String[n];
        sharedBytes = new long[n];
        int[] world = new int[n];
        for (int i = 0; i < n; i++) {
            world[i] = i;
        }
        comms.clear();
        releaseAll();
        comms.put(0, new CommInfo(0, world, n));
        nextCommId = 1;
    }

    /** A rank said goodbye after finalizing. */
    void bye(int rank) {
        left[rank] = true;
        maybeEndJob();
    }

    /** A rank's connection closed: unless it said goodbye, it failed. */
    void closed(int rank) {
        if (channels == null || rank < 0) {
            return;
        }
        channels[rank] = null;
        if (!left[rank]) {
            failed[rank] = true;
            left[rank] = true;
            LOG.log(System.Logger.Level.WARNING, "rank {0} failed: its connection closed before it finalized", rank);
            failRank(rank);
        }
        maybeEndJob();
    }

    private void maybeEndJob() {
        for (boolean l : left) {
            if (!l) {
                return;
            }
        }
        flush();
        releaseAll();
        // every rank has read all it was sent, so no block is named by anything in flight
        for (String s : segments) {
            if (s != null) {
                Segment.remove(s);
            }
        }
        channels = null;
        jobToken = null;
        // stays completed until the next job starts, so a late look still sees this job as done
        jobDone.complete(null);
    }

    /** Drops every waiting operation and message of the last job, with the payloads they hold. */
    private void releaseAll() {
        for (Pending p : pending.values()) {
            p.release();
        }
        pending.clear();
        for (Mailbox mb : mailboxes.values()) {
            mb.clearMessages();
        }
        mailboxes.clear();
    }

    /** Fails everything pending that involves the dead rank. */
    private void failRank(int rank) {
        if (segments[rank] != null) {
            // its file may go before every reader has mapped it; what is still forwarded from it goes as bytes
            Segment.orphan(segments[rank]);
        }
        String msg = "rank " + rank + " failed";
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (p.involves(rank)) {
                it.remove();
                for (int i = 0; i < p.members.length; i++) {
                    if (p.calls[i] != null) {
                        reply(p.members[i], Reply.error(p.calls[i].reqId(), ErrorInfo.failed(rank, msg)));
                    }
                }
                p.release();
            }
        }
        for (Map.Entry<Long, Mailbox> e : mailboxes.entrySet()) {
            CommInfo ci = comms.get(commOf(e.getKey()));
            int dest = rankOf(e.getKey());
            Mailbox mb = e.getValue();
            if (ci == null || ci.rankOf(rank) < 0) {
                continue;
            }
            if (ci.members[dest] == rank) {
                for (Mailbox.Message m : mb.unexpected) {
                    if (m.sync()) {
                        reply(m.senderWorld(), Reply.error(m.senderReqId(), ErrorInfo.failed(rank, msg)));
                    }
                    held(m.senderWorld(), -bytes(m));
                }
                mb.clearMessages();
                mb.posted.clear();
                continue;
            }
            int deadRank = ci.rankOf(rank);
            for (Iterator<Mailbox.Posted> it = mb.posted.iterator(); it.hasNext(); ) {
                Mailbox.Posted p = it.next();
                if (p.source() == deadRank || p.source() == MPI.ANY_SOURCE) {
                    it.remove();
                    reply(ci.members[dest], Reply.error(p.reqId(), ErrorInfo.failed(rank, msg)));
                }
            }
        }
        flush();
    }

    /**
     * Coordinator-side back-pressure: while any rank's connection has more than JMPI_SERIAL_QUEUE
     * bytes waiting, the coordinator stops reading from every rank, so what it holds stays bounded;
     * senders then wait on their own full connections. Ranks always read their replies, so the
     * congestion drains and reading resumes.
     */
    void writabilityChanged(Channel ch) {
        boolean was = !congested.isEmpty();
        if (ch.isWritable() || !ch.isActive()) {
            congested.remove(ch);
        } else {
            congested.add(ch);
        }
        boolean is = !congested.isEmpty();
        if (was != is && channels != null) {
            for (int r = 0; r < channels.length; r++) {
                updateReading(r);
            }
        }
    }

    /** A rank is read unless some connection is congested or its own unreceived messages are too many. */
    private void updateReading(int rank) {
        Channel c = channels[rank];
        if (c != null) {
            c.config().setAutoRead(congested.isEmpty() && !paused[rank]);
        }
    }

    /**
     * Sender-side bound of what waits in mailboxes: once a rank's messages that no receive has taken
     * pass heldLimit (JMPI_SERIAL_QUEUE) bytes, the coordinator stops reading that rank, so its own
     * connection fills and its sends wait, as MPI allows a standard send to; it reads it again
     * when receives have taken half of them.
     */
    private void held(int sender, long delta) {
        if (held == null || sender < 0 || sender >= held.length) {
            return;
        }
        held[sender] += delta;
        boolean pause = held[sender] > heldLimit || paused[sender] && held[sender] > heldLimit / 2;
        if (pause != paused[sender]) {
            paused[sender] = pause;
            LOG.log(System.Logger.Level.DEBUG, "rank {0} {1}: {2} bytes of its messages wait for receives",
                    sender, pause ? "paused" : "resumed", held[sender]);
            updateReading(sender);
        }
    }

    private static long bytes(Mailbox.Message m) {
        return m.payload() == null ? 0 : m.payload().readableBytes();
    }

    // ---- calls ------------------------------------------------------------------------------------

    void call(int rank, Call c) {
        lastCall[rank] = Kind.name(c.kind()) + describeCall(c) + " on communicator " + c.comm();
        lastCallAt[rank] = System.nanoTime();
        if (segments[rank] != null) {
            for (ByteBuf part : c.parts()) {
                if (part instanceof ShmBuf) {
                    sharedBytes[rank] += part.readableBytes();
                }
            }
        }
        CommInfo ci = comms.get(c.comm());
        if (ci == null || ci.rankOf(rank) < 0) {
            reply(rank, Reply.error(c.reqId(), ErrorInfo.mpi(MPI.ERR_COMM,
                    "communicator " + c.comm() + " unknown or does not contain rank " + rank)));
            return;
        }
        if ((c.flags() & Call.BUFFER) != 0 && !ElementType.isCode(c.dtype())) {
            // checked before anything is kept: a message of no known element type cannot be counted later
            reply(rank, Reply.error(c.reqId(), ErrorInfo.mpi(MPI.ERR_TYPE, "unknown buffer element type " + c.dtype())));
            return;
        }
        try {
            if (Kind.isCollective(c.kind())) {
                collective(rank, ci, c);
            } else {
                pointToPoint(rank, ci, c);
            }
        } catch (MPIException e) {
            reply(rank, Reply.error(c.reqId(), ErrorInfo.of(e)));
        }
    }

    private void collective(int rank, CommInfo ci, Call c) {
        int[] members;
        String group = "";
        if (c.kind() == Kind.CUSTOM) {
            TreeSet<Integer> all = new TreeSet<>();
            for (int r : c.src()) {
                all.add(checkRank(ci, r));
            }
            for (int r : c.dst()) {
                all.add(checkRank(ci, r));
            }
            members = all.stream().mapToInt(r -> ci.members[r]).toArray();
            group = Arrays.toString(c.src()) + "->" + Arrays.toString(c.dst());
        } else {
            members = ci.members;
        }
        for (int m : members) {
            if (failed[m]) {
                throw new jmpi.ProcessFailedException(m, "rank " + m + " failed");
            }
        }
        CollKey key = new CollKey(ci.id, group, c.seq());
        Pending p = pending.get(key);
        if (p == null) {
            p = new Pending(ci, members);
            pending.put(key, p);
        }
        int idx = indexOf(p.members, rank);
        if (p.calls[idx] != null) {
            throw new MPIException(MPI.ERR_INTERN, "rank " + rank + " sent collective " + c.seq() + " twice");
        }
        // kept past this read: the handler releases the call's reference, the operation holds its own
        p.calls[idx] = c.retain();
        p.arrived++;
        if (p.complete()) {
            pending.remove(key);
            try {
                complete(p);
            } finally {
                p.release();
            }
        }
    }

    private static int checkRank(CommInfo ci, int r) {
        if (r < 0 || r >= ci.size()) {
            throw new MPIException(MPI.ERR_RANK, "rank " + r + " out of range [0, " + ci.size() + ")");
        }
        return r;
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        return -1;
    }

    private void complete(Pending p) {
        Call first = p.calls[0];
        for (Call c : p.calls) {
            if (c.kind() != first.kind() || c.root() != first.root() && first.kind() != Kind.SPLIT
                    || c.op() != first.op() || c.dtype() != first.dtype()) {
                failAll(p, ErrorInfo.mpi(MPI.ERR_OTHER, "collective mismatch: ranks called "
                        + Kind.name(first.kind()) + "(root " + first.root() + ") and " + Kind.name(c.kind())
                        + "(root " + c.root() + ") as operation " + first.seq() + " of the communicator"));
                return;
            }
        }
        try {
            switch (first.kind()) {
                case Kind.BARRIER -> replyAll(p, i -> Call.NO_PARTS);
                case Kind.BCAST -> {
                    ByteBuf data = p.calls[first.root()].parts()[0];
                    replyAll(p, i -> new ByteBuf[] {Parts.share(data)});
                }
                case Kind.GATHER -> replyAll(p, i -> i == first.root() ? firstParts(p) : Call.NO_PARTS);
                case Kind.ALLGATHER -> replyAll(p, i -> firstParts(p));
                case Kind.SCATTER -> {
                    ByteBuf[] parts = p.calls[first.root()].parts();
                    if (parts.length != p.members.length) {
                        throw new MPIException(MPI.ERR_COUNT, "scatter of " + parts.length + " items to "
                                + p.members.length + " ranks");
                    }
                    replyAll(p, i -> new ByteBuf[] {Parts.share(parts[i])});
                }
                case Kind.ALLTOALL -> {
                    int n = p.members.length;
                    for (Call c : p.calls) {
                        if (c.parts().length != n) {
                            throw new MPIException(MPI.ERR_COUNT, "alltoall of " + c.parts().length + " items among "
                                    + n + " ranks");
                        }
                    }
                    replyAll(p, j -> {
                        ByteBuf[] col = new ByteBuf[n];
                        for (int i = 0; i < n; i++) {
                            col[i] = Parts.share(p.calls[i].parts()[j]);
                        }
                        return col;
                    });
                }
                case Kind.REDUCE, Kind.ALLREDUCE -> {
                    int dtype = first.dtype();
                    Op op = opOf(first.op());
                    boolean all = first.kind() == Kind.ALLREDUCE;
                    if (dtype != 0) {
                        ByteBuf[] parts = firstParts(p);
                        try {
                            Reductions.fold(ElementType.ofCode(dtype), op, parts);
                            ByteBuf result = parts[0];
                            replyAll(p, i -> all || i == first.root() ? new ByteBuf[] {Parts.share(result)}
                                    : Call.NO_PARTS);
                        } finally {
                            Parts.release(parts);
                        }
                        return;
                    }
                    List<Object> values = new ArrayList<>(p.members.length);
                    for (Call c : p.calls) {
                        values.add(serial.fromBytes(c.parts()[0]));
                    }
                    byte[] result = serial.toBytes(op.reduce(values));
                    replyAll(p, i -> all || i == first.root() ? new ByteBuf[] {Parts.wrap(result)} : Call.NO_PARTS);
                }
                case Kind.CUSTOM -> custom(p);
                case Kind.SPLIT -> split(p);
                default -> throw new MPIException(MPI.ERR_INTERN, "unknown collective " + first.kind());
            }
        } catch (RuntimeException e) {
            failAll(p, ErrorInfo.of(e));
        }
    }

    private static Op opOf(int ordinal) {
        if (ordinal < 0 || ordinal >= OPS.length) {
            throw new MPIException(MPI.ERR_OP, "unknown operation " + ordinal);
        }
        return OPS[ordinal];
    }

    /** Every member's first part, as new references. */
    private static ByteBuf[] firstParts(Pending p) {
        ByteBuf[] all = new ByteBuf[p.members.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = Parts.share(p.calls[i].parts()[0]);
        }
        return all;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void custom(Pending p) {
        Call first = p.calls[0];
        CommInfo ci = p.comm;
        // the context of the group's root decides, as every member sent the same one
        int root = first.src().length > 0 ? Arrays.stream(first.src()).min().getAsInt()
                : Arrays.stream(first.dst()).min().getAsInt();
        Call rootCall = p.calls[indexOf(p.members, ci.members[root])];
        Object ctx = serial.fromBytes(rootCall.parts()[0]);
        if (!(ctx instanceof OperationContext)) {
            throw new MPIException(MPI.ERR_ARG, "not an OperationContext: " + (ctx == null ? "null" : ctx.getClass()));
        }
        Map<Integer, Object> src = new TreeMap<>();
        for (int r : first.src()) {
            Call c = p.calls[indexOf(p.members, ci.members[r])];
            src.put(r, c.parts().length > 1 ? serial.fromBytes(c.parts()[1]) : null);
        }
        Set<Integer> dst = new TreeSet<>();
        for (int r : first.dst()) {
            dst.add(r);
        }
        Map<Integer, Object> out = ((OperationContext) ctx).apply(
                java.util.Collections.unmodifiableMap(src), java.util.Collections.unmodifiableSet(dst));
        Map<Integer, byte[]> bytes = new HashMap<>();
        for (int r : dst) {
            Object v = out == null ? null : out.get(r);
            bytes.put(r, serial.toBytes(v));
        }
        replyAll(p, i -> {
            int commRank = ci.rankOf(p.members[i]);
            byte[] b = bytes.get(commRank);
            return b == null ? Call.NO_PARTS : new ByteBuf[] {Parts.wrap(b)};
        });
    }

    private void split(Pending p) {
        CommInfo ci = p.comm;
        Map<Integer, List<Integer>> byColor = new TreeMap<>();
        for (int i = 0; i < p.members.length; i++) {
            int color = p.calls[i].root();
            if (color != MPI.UNDEFINED) {
                byColor.computeIfAbsent(color, k -> new ArrayList<>()).add(i);
            }
        }
        int[][] answer = new int[p.members.length][];
        for (List<Integer> idx : byColor.values()) {
            idx.sort(Comparator.<Integer>comparingInt(i -> p.calls[i].tag()).thenComparingInt(i -> i));
            int[] world = idx.stream().mapToInt(i -> ci.members[i]).toArray();
            CommInfo created = new CommInfo(nextCommId++, world, size);
            comms.put(created.id, created);
            for (int k = 0; k < idx.size(); k++) {
                int[] a = new int[2 + world.length];
                a[0] = created.id;
                a[1] = k;
                System.arraycopy(world, 0, a, 2, world.length);
                answer[idx.get(k)] = a;
            }
        }
        for (int i = 0; i < p.members.length; i++) {
            int[] a = answer[i] == null ? new int[] {-1} : answer[i];
            reply(p.members[i], new Reply(p.calls[i].reqId(), Reply.OK, 0, 0, 0, a, Call.NO_PARTS, null));
        }
    }

    /** The parts of one member's reply, as references the reply will own. */
    private interface PartsFor {
        ByteBuf[] parts(int memberIndex);
    }

    private void replyAll(Pending p, PartsFor f) {
        for (int i = 0; i < p.members.length; i++) {
            reply(p.members[i], Reply.ok(p.calls[i].reqId(), f.parts(i)));
        }
    }

    private void failAll(Pending p, ErrorInfo e) {
        for (int i = 0; i < p.members.length; i++) {
            if (p.calls[i] != null) {
                reply(p.members[i], Reply.error(p.calls[i].reqId(), e));
            }
        }
    }

    // ---- point-to-point ---------------------------------------------------------------------------

    private Mailbox mailbox(CommInfo ci, int commRank) {
        return mailboxes.computeIfAbsent(((long) ci.id << 32) | (commRank & 0xffffffffL), k -> new Mailbox());
    }

    /** The communicator of a mailbox key. */
    private static int commOf(long key) {
        return (int) (key >> 32);
    }

    /** The communicator rank whose mailbox a key names. */
    private static int rankOf(long key) {
        return (int) key;
    }

    private void pointToPoint(int rank, CommInfo ci, Call c) {
        int me = ci.rankOf(rank);
        switch (c.kind()) {
            case Kind.SEND -> send(rank, me, ci, c);
            case Kind.RECV, Kind.PROBE, Kind.IPROBE -> receive(rank, me, ci, c);
            default -> throw new MPIException(MPI.ERR_INTERN, "unknown call " + c.kind());
        }
    }

    private void send(int rank, int me, CommInfo ci, Call c) {
        int dest = checkRank(ci, c.peer());
        boolean sync = (c.flags() & Call.SYNC) != 0;
        if (failed[ci.members[dest]]) {
            if (sync) {
                throw new jmpi.ProcessFailedException(ci.members[dest], "rank " + ci.members[dest] + " failed");
            }
            LOG.log(System.Logger.Level.DEBUG, "dropped a message to failed rank {0}", ci.members[dest]);
            return;
        }
        // the message keeps its own reference to the payload until it is delivered or dropped
        ByteBuf payload = c.parts().length > 0 ? Parts.share(c.parts()[0]) : null;
        Mailbox.Message m = new Mailbox.Message(me, c.tag(), payload, rank, c.reqId(), sync, c.dtype());
        Mailbox mb = mailbox(ci, dest);
        for (Iterator<Mailbox.Posted> it = mb.posted.iterator(); it.hasNext(); ) {
            Mailbox.Posted p = it.next();
            if (Mailbox.matches(p.source(), p.tag(), me, c.tag())) {
                it.remove();
                if (p.probe()) {
                    reply(ci.members[dest], status(p.reqId(), m, false));
                    continue;
                }
                deliver(ci.members[dest], p.reqId(), m);
                return;
            }
        }
        mb.unexpected.addLast(m);
        held(rank, bytes(m));
    }

    private void receive(int rank, int me, CommInfo ci, Call c) {
        int source = c.peer();
        if (source != MPI.ANY_SOURCE) {
            checkRank(ci, source);
        }
        Mailbox mb = mailbox(ci, me);
        for (Iterator<Mailbox.Message> it = mb.unexpected.iterator(); it.hasNext(); ) {
            Mailbox.Message m = it.next();
            if (Mailbox.matches(source, c.tag(), m.source(), m.tag())) {
                if (c.kind() == Kind.RECV) {
                    it.remove();
                    held(m.senderWorld(), -bytes(m));
                    deliver(rank, c.reqId(), m);
                } else {
                    reply(rank, status(c.reqId(), m, false));
                }
                return;
            }
        }
        if (c.kind() == Kind.IPROBE) {
            reply(rank, new Reply(c.reqId(), Reply.NONE, 0, 0, 0, Call.NO_RANKS, Call.NO_PARTS, null));
            return;
        }
        if (source != MPI.ANY_SOURCE && failed[ci.members[source]]) {
            throw new jmpi.ProcessFailedException(ci.members[source], "rank " + ci.members[source] + " failed");
        }
        if (source == MPI.ANY_SOURCE) {
            for (int m : ci.members) {
                if (failed[m]) {
                    throw new jmpi.ProcessFailedException(m, "rank " + m + " failed");
                }
            }
        }
        mb.posted.add(new Mailbox.Posted(c.reqId(), source, c.tag(), c.kind() == Kind.PROBE));
    }

    /** Hands the message's payload reference to the reply. */
    private void deliver(int worldRank, int reqId, Mailbox.Message m) {
        ByteBuf[] parts = m.payload() == null ? Call.NO_PARTS : new ByteBuf[] {m.payload()};
        reply(worldRank, new Reply(reqId, Reply.OK, m.source(), m.tag(), m.count(), dtypeInts(m), parts, null));
        if (m.sync()) {
            reply(m.senderWorld(), Reply.ok(m.senderReqId()));
        }
    }

    private static Reply status(int reqId, Mailbox.Message m, boolean cancelled) {
        return new Reply(reqId, cancelled ? Reply.CANCELLED : Reply.OK, m.source(), m.tag(), m.count(), dtypeInts(m),
                Call.NO_PARTS, null);
    }

    /** A buffer message tells the receiver its element type; an object message tells nothing. */
    private static int[] dtypeInts(Mailbox.Message m) {
        return m.dtype() == 0 ? Call.NO_RANKS : new int[] {m.dtype()};
    }

    /** Cancels a posted receive or probe of this rank, if it has not matched yet. */
    void cancel(int rank, int reqId) {
        for (Map.Entry<Long, Mailbox> e : mailboxes.entrySet()) {
            CommInfo ci = comms.get(commOf(e.getKey()));
            int dest = rankOf(e.getKey());
            if (ci == null || ci.members[dest] != rank) {
                continue;
            }
            for (Iterator<Mailbox.Posted> it = e.getValue().posted.iterator(); it.hasNext(); ) {
                Mailbox.Posted p = it.next();
                if (p.reqId() == reqId) {
                    it.remove();
                    reply(rank, new Reply(reqId, Reply.CANCELLED, MPI.ANY_SOURCE, MPI.ANY_TAG, 0, Call.NO_RANKS,
                            Call.NO_PARTS, null));
                    return;
                }
            }
        }
    }

    // ---- diagnosis --------------------------------------------------------------------------------

    private static String describeCall(Call c) {
        switch (c.kind()) {
            case Kind.SEND:
                return "(dest " + c.peer() + ", tag " + c.tag() + ")";
            case Kind.RECV:
            case Kind.PROBE:
            case Kind.IPROBE:
                return "(source " + (c.peer() == MPI.ANY_SOURCE ? "any" : c.peer()) + ", tag "
                        + (c.tag() == MPI.ANY_TAG ? "any" : c.tag()) + ")";
            default:
                return " #" + c.seq();
        }
    }

    private static long ms(long since, long now) {
        return (now - since) / 1_000_000;
    }

    /** Logs, once per operation, every collective that has waited longer than threshold, and for whom. */
    void warnAboutWaits(long thresholdNanos) {
        if (channels == null) {
            return;
        }
        long now = System.nanoTime();
        for (Map.Entry<CollKey, Pending> e : pending.entrySet()) {
            Pending p = e.getValue();
            if (p.warned || now - p.since < thresholdNanos) {
                continue;
            }
            p.warned = true;
            StringBuilder missing = new StringBuilder();
            for (int i = 0; i < p.members.length; i++) {
                if (p.calls[i] == null) {
                    int r = p.members[i];
                    missing.append(missing.length() == 0 ? "" : "; ").append("rank ").append(r).append(" last called ")
                            .append(lastCall[r] == null ? "nothing" : lastCall[r] + " " + ms(lastCallAt[r], now)
                                    + " ms ago");
                    if (paused[r]) {
                        missing.append(" (not read: ").append(held[r]).append(" bytes of its messages wait for"
                                + " receives, more than JMPI_SERIAL_QUEUE)");
                    }
                }
            }
            Call any = firstArrived(p);
            LOG.log(System.Logger.Level.WARNING, "{0} #{1} on communicator {2} has waited {3} ms for: {4}",
                    Kind.name(any.kind()), e.getKey().seq(), e.getKey().comm(), ms(p.since, now), missing);
        }
    }

    private static Call firstArrived(Pending p) {
        for (Call c : p.calls) {
            if (c != null) {
                return c;
            }
        }
        throw new IllegalStateException("an operation with no call");
    }

    /** What the coordinator waits for, as JSON: pending collectives, posted receives, every rank's last call. */
    String statusJson() {
        long now = System.nanoTime();
        StringBuilder b = new StringBuilder("{\"size\":").append(channels == null ? 0 : size).append(",\"ranks\":[");
        if (channels != null) {
            for (int r = 0; r < size; r++) {
                b.append(r == 0 ? "" : ",").append("{\"rank\":").append(r)
                        .append(",\"connected\":").append(channels[r] != null)
                        .append(",\"finalized\":").append(left[r] && !failed[r])
                        .append(",\"failed\":").append(failed[r])
                        .append(",\"paused\":").append(paused[r])
                        .append(",\"heldBytes\":").append(held[r])
                        .append(",\"sharedMemory\":").append(segments[r] != null)
                        .append(",\"sharedBytes\":").append(sharedBytes[r])
                        .append(",\"lastCall\":").append(json(lastCall[r]))
                        .append(",\"lastCallMsAgo\":").append(lastCall[r] == null ? -1 : ms(lastCallAt[r], now))
                        .append('}');
            }
        }
        b.append("],\"collectives\":[");
        boolean first = true;
        for (Map.Entry<CollKey, Pending> e : pending.entrySet()) {
            Pending p = e.getValue();
            b.append(first ? "" : ",").append("{\"operation\":").append(json(Kind.name(firstArrived(p).kind())))
                    .append(",\"communicator\":").append(e.getKey().comm())
                    .append(",\"seq\":").append(e.getKey().seq())
                    .append(",\"waitingMs\":").append(ms(p.since, now))
                    .append(",\"arrived\":").append(ranks(p, true))
                    .append(",\"missing\":").append(ranks(p, false)).append('}');
            first = false;
        }
        b.append("],\"receives\":[");
        first = true;
        for (Map.Entry<Long, Mailbox> e : mailboxes.entrySet()) {
            CommInfo ci = comms.get(commOf(e.getKey()));
            int dest = rankOf(e.getKey());
            for (Mailbox.Posted p : e.getValue().posted) {
                b.append(first ? "" : ",").append("{\"rank\":").append(ci == null ? -1 : ci.members[dest])
                        .append(",\"communicator\":").append(commOf(e.getKey()))
                        .append(",\"source\":").append(p.source()).append(",\"tag\":").append(p.tag())
                        .append(",\"probe\":").append(p.probe())
                        .append(",\"waitingMs\":").append(ms(p.since(), now)).append('}');
                first = false;
            }
        }
        return b.append("]}").toString();
    }

    private static String ranks(Pending p, boolean arrived) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < p.members.length; i++) {
            if ((p.calls[i] != null) == arrived) {
                b.append(b.length() == 1 ? "" : ",").append(p.members[i]);
            }
        }
        return b.append(']').toString();
    }

    private static String json(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            if (ch == '"' || ch == '\\') {
                b.append('\\').append(ch);
            } else if (ch < 0x20) {
                b.append(String.format("\\u%04x", (int) ch));
            } else {
                b.append(ch);
            }
        }
        return b.append('"').toString();
    }

    // ---- output -----------------------------------------------------------------------------------

    /** Writes a reply, which gives up its parts' references once written (or dropped). */
    private void reply(int worldRank, Reply r) {
        Channel ch = channels == null ? null : channels[worldRank];
        if (ch == null) {
            r.release();
            return;
        }
        ch.write(r, ch.voidPromise());
        dirty.add(ch);
    }

    /** Flushes every channel written to since the last flush. */
    void flush() {
        if (dirty.isEmpty()) {
            return;
        }
        for (Channel ch : dirty) {
            ch.flush();
        }
        dirty.clear();
    }

    @Override
    public String toString() {
        return "Engine[size=" + size + ", pending=" + pending.size() + ", comms=" + comms.size() + "]";
    }
}
