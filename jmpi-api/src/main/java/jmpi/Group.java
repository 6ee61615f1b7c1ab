package jmpi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An ordered set of processes, named by their world ranks, as MPI's groups: what a communicator
 * is made of ({@link Comm#group()}) and what {@link Comm#Create(Group)} and
 * {@link Comm#Create_group(Group, int)} make communicators of. A group is a value: the operations
 * below are local, and each makes a new group, whose rank {@code i} is its {@code i}-th process.
 *
 * <p>Ranks a caller passes are ranks in the group; a rank out of range or named twice fails with
 * {@code ERR_RANK}, a range with stride 0 with {@code ERR_ARG}, and any use of a freed group with
 * {@code ERR_GROUP}.
 */
public final class Group {
    /** The group of no process. */
    static final Group EMPTY = new Group(new int[0], -1, true);

    private final int[] worldRanks;
    private final int self;
    private final boolean predefined;
    private volatile boolean freed;

    private Group(int[] worldRanks, int selfWorldRank, boolean predefined) {
        this.worldRanks = worldRanks;
        this.self = selfWorldRank;
        this.predefined = predefined;
    }

    /**
     * The group of these processes, in this order, as seen from the process of world rank
     * {@code selfWorldRank}; programs get theirs from {@link Comm#group()}.
     *
     * @param selfWorldRank the calling process's world rank
     * @param worldRanks    the world ranks of the group's processes, in group order, each once
     * @return the group
     */
    public static Group of(int selfWorldRank, int... worldRanks) {
        int[] copy = worldRanks.clone();
        Set<Integer> seen = new LinkedHashSet<>();
        for (int w : copy) {
            if (w < 0 || !seen.add(w)) {
                throw new MPIException(MPI.ERR_RANK, "a group lists each world rank (0 or more) once, not "
                        + Arrays.toString(copy));
            }
        }
        return new Group(copy, selfWorldRank, false);
    }

    /**
     * The number of processes in the group.
     *
     * @return the size, 0 for {@link MPI#GROUP_EMPTY}
     */
    public int size() {
        return live().worldRanks.length;
    }

    /**
     * The calling process's rank in the group.
     *
     * @return the rank, or {@link MPI#UNDEFINED} when the caller is not a member
     */
    public int rank() {
        int r = indexOf(live().self);
        return r < 0 ? MPI.UNDEFINED : r;
    }

    /**
     * mpi4py's spelling of {@link #size()}.
     *
     * @return the size
     */
    public int Get_size() {
        return size();
    }

    /**
     * mpi4py's spelling of {@link #rank()}.
     *
     * @return the rank, or {@link MPI#UNDEFINED}
     */
    public int Get_rank() {
        return rank();
    }

    /**
     * The world rank of each process of the group, in group order.
     *
     * @return a new array
     */
    public int[] worldRanks() {
        return live().worldRanks.clone();
    }

    /**
     * A copy of this group, for programs that free groups as MPI does.
     *
     * @return an identical group
     */
    public Group Dup() {
        return new Group(live().worldRanks, self, false);
    }

    /**
     * The group of the processes of these ranks, in this order.
     *
     * @param ranks ranks of this group, each once
     * @return the new group
     */
    public Group Incl(int[] ranks) {
        checkDistinct(ranks, "Incl");
        int[] out = new int[ranks.length];
        for (int i = 0; i < ranks.length; i++) {
            out[i] = worldRanks[ranks[i]];
        }
        return derived(out);
    }

    /**
     * The group of this group's processes but those of these ranks, in this group's order.
     *
     * @param ranks ranks of this group, each once
     * @return the new group
     */
    public Group Excl(int[] ranks) {
        checkDistinct(ranks, "Excl");
        boolean[] out = new boolean[worldRanks.length];
        for (int r : ranks) {
            out[r] = true;
        }
        return derived(Arrays.stream(indices(worldRanks.length)).filter(i -> !out[i]).map(i -> worldRanks[i]).toArray());
    }

    /**
     * {@link #Incl(int[])} of the ranks of these ranges, range after range.
     *
     * @param ranges triplets {@code {first, last, stride}}: first, first + stride, … up to last
     *               (inclusive, a negative stride counting down); every rank named once
     * @return the new group
     */
    public Group Range_incl(int[][] ranges) {
        return Incl(expand(ranges, "Range_incl"));
    }

    /**
     * {@link #Excl(int[])} of the ranks of these ranges.
     *
     * @param ranges triplets {@code {first, last, stride}}, as {@link #Range_incl(int[][])} takes
     * @return the new group
     */
    public Group Range_excl(int[][] ranges) {
        return Excl(expand(ranges, "Range_excl"));
    }

    /**
     * Frees the group: later use fails with {@code ERR_GROUP}. Freeing {@link MPI#GROUP_EMPTY}
     * does nothing.
     */
    public void Free() {
        if (!predefined) {
            live().freed = true;
        }
    }

    /**
     * The processes of a, then those of b that are not in a.
     *
     * @param a the first group
     * @param b the second group
     * @return the union, in that order
     */
    public static Group Union(Group a, Group b) {
        Set<Integer> all = new LinkedHashSet<>(a.list());
        all.addAll(b.list());
        return a.derived(all.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * The processes of a that are also in b, in a's order.
     *
     * @param a the first group
     * @param b the second group
     * @return the intersection
     */
    public static Group Intersection(Group a, Group b) {
        List<Integer> inB = b.list();
        return a.derived(a.list().stream().filter(inB::contains).mapToInt(Integer::intValue).toArray());
    }

    /**
     * The processes of a that are not in b, in a's order.
     *
     * @param a the first group
     * @param b the second group
     * @return the difference
     */
    public static Group Difference(Group a, Group b) {
        List<Integer> inB = b.list();
        return a.derived(a.list().stream().filter(w -> !inB.contains(w)).mapToInt(Integer::intValue).toArray());
    }

    /**
     * Compares two groups.
     *
     * @param a a group
     * @param b another group
     * @return {@link MPI#IDENT} for the same processes in the same order, {@link MPI#SIMILAR} for
     *         the same processes in another order, else {@link MPI#UNEQUAL}
     */
    public static int Compare(Group a, Group b) {
        int[] x = a.live().worldRanks;
        int[] y = b.live().worldRanks;
        if (Arrays.equals(x, y)) {
            return MPI.IDENT;
        }
        return x.length == y.length && new LinkedHashSet<>(a.list()).containsAll(b.list()) ? MPI.SIMILAR : MPI.UNEQUAL;
    }

    /**
     * mpi4py's instance spelling of {@link #Compare(Group, Group)}.
     *
     * @param other the group to compare with
     * @return {@link MPI#IDENT}, {@link MPI#SIMILAR} or {@link MPI#UNEQUAL}
     */
    public int Compare(Group other) {
        return Compare(this, other);
    }

    /**
     * The ranks in b of the processes of these ranks of a.
     *
     * @param a     the group the ranks are of
     * @param ranks ranks of a; {@link MPI#PROC_NULL} stays {@link MPI#PROC_NULL}
     * @param b     the group to find them in
     * @return each one's rank in b, or {@link MPI#UNDEFINED} where b lacks it
     */
    public static int[] Translate_ranks(Group a, int[] ranks, Group b) {
        int[] out = new int[ranks.length];
        for (int i = 0; i < ranks.length; i++) {
            if (ranks[i] == MPI.PROC_NULL) {
                out[i] = MPI.PROC_NULL;
            } else {
                int r = b.live().indexOf(a.worldRanks[a.checkRank(ranks[i], "Translate_ranks")]);
                out[i] = r < 0 ? MPI.UNDEFINED : r;
            }
        }
        return out;
    }

    /**
     * The world ranks of the processes of these ranks of a, as mpi4py's {@code Translate_ranks}
     * without a second group.
     *
     * @param a     the group the ranks are of
     * @param ranks ranks of a; {@link MPI#PROC_NULL} stays {@link MPI#PROC_NULL}
     * @return each one's world rank
     */
    public static int[] Translate_ranks(Group a, int[] ranks) {
        int[] out = new int[ranks.length];
        for (int i = 0; i < ranks.length; i++) {
            out[i] = ranks[i] == MPI.PROC_NULL ? MPI.PROC_NULL : a.worldRanks[a.checkRank(ranks[i], "Translate_ranks")];
        }
        return out;
    }

    @Override
    public String toString() {
        return this == EMPTY ? "MPI.GROUP_EMPTY" : "Group" + Arrays.toString(worldRanks);
    }

    // ---- helpers -----------------------------------------------------------------------------

    private Group live() {
        if (freed) {
            throw new MPIException(MPI.ERR_GROUP, "the group was freed: use a group before its Free()");
        }
        return this;
    }

    private Group derived(int[] ranks) {
        return new Group(ranks, live().self, false);
    }

    private List<Integer> list() {
        List<Integer> l = new ArrayList<>(live().worldRanks.length);
        for (int w : worldRanks) {
            l.add(w);
        }
        return l;
    }

    private int indexOf(int worldRank) {
        for (int i = 0; i < worldRanks.length; i++) {
            if (worldRanks[i] == worldRank) {
                return i;
            }
        }
        return -1;
    }

    private int checkRank(int r, String op) {
        if (r < 0 || r >= live().worldRanks.length) {
            throw new MPIException(MPI.ERR_RANK, op + ": rank " + r + " is out of the group's range [0, "
                    + worldRanks.length + ")");
        }
        return r;
    }

    private void checkDistinct(int[] ranks, String op) {
        boolean[] seen = new boolean[live().worldRanks.length];
        for (int r : ranks) {
            if (seen[checkRank(r, op)]) {
                throw new MPIException(MPI.ERR_RANK, op + ": rank " + r + " is named twice; name each rank once");
            }
            seen[r] = true;
        }
    }

    private static int[] indices(int n) {
        int[] a = new int[n];
        Arrays.setAll(a, i -> i);
        return a;
    }

    private int[] expand(int[][] ranges, String op) {
        List<Integer> out = new ArrayList<>();
        for (int[] t : ranges) {
            if (t == null || t.length != 3) {
                throw new MPIException(MPI.ERR_ARG, op + ": each range is {first, last, stride}, not "
                        + Arrays.toString(t));
            }
            int first = checkRank(t[0], op);
            int last = checkRank(t[1], op);
            int stride = t[2];
            if (stride == 0 || (last - first) * (long) stride < 0) {
                throw new MPIException(MPI.ERR_ARG, op + ": range " + Arrays.toString(t)
                        + " never reaches its last rank; give a stride of the sign of last - first, not 0");
            }
            for (int r = first; stride > 0 ? r <= last : r >= last; r += stride) {
                out.add(r);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
