package jmpi.op;

import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The ranks an operation involves: sources send data, destinations receive results.
 *
 * @param src source ranks, sorted and immutable
 * @param dst destination ranks, sorted and immutable
 */
public record CommunicationGroup(SortedSet<Integer> src, SortedSet<Integer> dst) {

    /**
     * Copies and checks the ranks: IllegalArgumentException for a negative rank or for no rank at all.
     *
     * @param src source ranks, not null
     * @param dst destination ranks, not null
     */
    public CommunicationGroup {
        Objects.requireNonNull(src, "src == null");
        Objects.requireNonNull(dst, "dst == null");
        src = Collections.unmodifiableSortedSet(new TreeSet<>(src));
        dst = Collections.unmodifiableSortedSet(new TreeSet<>(dst));
        if (src.isEmpty() && dst.isEmpty()) {
            throw new IllegalArgumentException("a communication group needs at least one rank");
        }
        for (int r : src) {
            if (r < 0) {
                throw new IllegalArgumentException("negative rank " + r + " in src");
            }
        }
        for (int r : dst) {
            if (r < 0) {
                throw new IllegalArgumentException("negative rank " + r + " in dst");
            }
        }
    }

    /**
     * A group from two collections of ranks.
     *
     * @param src source ranks
     * @param dst destination ranks
     * @return the group
     */
    public static CommunicationGroup of(Collection<Integer> src, Collection<Integer> dst) {
        return new CommunicationGroup(new TreeSet<>(src), new TreeSet<>(dst));
    }

    /**
     * A group from two streams of ranks.
     *
     * @param src source ranks
     * @param dst destination ranks
     * @return the group
     */
    public static CommunicationGroup of(IntStream src, IntStream dst) {
        return new CommunicationGroup(src.boxed().collect(Collectors.toCollection(TreeSet::new)),
                dst.boxed().collect(Collectors.toCollection(TreeSet::new)));
    }

    /**
     * Every rank of [0, size) is both source and destination.
     *
     * @param size the number of ranks
     * @return the group
     */
    public static CommunicationGroup all(int size) {
        return of(IntStream.range(0, size), IntStream.range(0, size));
    }

    /**
     * The lowest source rank, or the lowest destination if there is no source.
     *
     * @return the rank
     */
    public int root() {
        return src.isEmpty() ? dst.first() : src.first();
    }

    /**
     * Whether rank is a source or a destination.
     *
     * @param rank a rank of the communicator
     * @return true if it is a member
     */
    public boolean contains(int rank) {
        return src.contains(rank) || dst.contains(rank);
    }

    /**
     * Sources and destinations together, sorted.
     *
     * @return the members, immutable
     */
    public SortedSet<Integer> members() {
        TreeSet<Integer> all = new TreeSet<>(src);
        all.addAll(dst);
        return Collections.unmodifiableSortedSet(all);
    }
}
