package jmpi.runtime.coll;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.runtime.wire.Kind;

/**
 * Which algorithm runs each collective: rows of (kind, when, algorithm), tried in order, the first
 * whose condition holds wins. A user (or a test that must run every algorithm) forces one by name
 * with {@code -Djmpi.coll.<kind>=<name>}, for example {@code -Djmpi.coll.bcast=coordinator}.
 *
 * <p>Every kind has the coordinator's algorithm as its last row, which always holds. The rows
 * before it run among the ranks ({@link AmongRanks}), where the ranks have links of their own (the
 * direct data plane); elsewhere the client takes the coordinator's row whatever was chosen. Every rank
 * must choose alike, so a condition reads only what every rank knows alike: the ranks, the op, and the
 * bytes of a buffer collective, which the count gives everywhere (an object's size is known only where
 * it is serialized, so object collectives have no bytes and keep their small algorithm).
 *
 * <p>The thresholds are starting points, to tune with the benchmark (jmpi-bench) on each plane.
 */
public final class CollectiveTable {
    /**
     * What the choice may depend on: the bytes each rank contributes to a buffer collective as every
     * rank knows them (0 for objects, or where the ranks' counts differ), how many ranks take part, and
     * whether the op may fold in any order.
     */
    public record Shape(long bytes, int ranks, boolean commutative) {
        /** The shape of a call with this reduce op (its ordinal; any for a collective without one). */
        public static Shape of(long bytes, int ranks, int op) {
            return new Shape(bytes, ranks, Ops.commutative(Ops.of(op)));
        }
    }

    /** A bcast payload from which scatter + ring allgather pays (the root sends about 2n, not n·log₂N). */
    static final long BCAST_LARGE = 512 * 1024;
    /** A buffer from which reduce and allreduce go round a ring, whose messages are n/N bytes each. */
    static final long REDUCE_LARGE = 256 * 1024;
    /** A part per rank from which allgather goes round a ring. */
    static final long ALLGATHER_LARGE = 64 * 1024;
    /** The smallest ring block worth a step: below it, a ring's N − 1 steps cost more than they save. */
    static final long RING_BLOCK = 8 * 1024;

    /** A condition of a row. */
    interface When {
        boolean holds(Shape s);
    }

    private record Row(When when, Collective algorithm) {
    }

    private static final Map<Kind, List<Row>> ROWS = new EnumMap<>(Kind.class);

    static {
        always(new BarrierDissemination());
        always(new BarrierViaCoordinator());
        row(s -> s.bytes() >= BcastStreamed.FROM, new BcastStreamed());
        row(s -> s.ranks() > 2 && ring(s, BCAST_LARGE), new BcastScatterAllgather());
        always(new BcastBinomial());
        always(new BcastViaCoordinator());
        always(new GatherBinomial());
        always(new GatherViaCoordinator(Kind.GATHER));
        row(s -> s.bytes() >= ALLGATHER_LARGE, new AllgatherRing());
        always(new AllgatherBruck());
        always(new GatherViaCoordinator(Kind.ALLGATHER));
        always(new ScatterBinomial());
        always(new ScatterViaCoordinator());
        row(s -> s.bytes() >= AlltoallStreamed.FROM, new AlltoallStreamed());
        always(new AlltoallPairwise());
        always(new AlltoallViaCoordinator());
        row(s -> s.commutative() && ring(s, REDUCE_LARGE), new ReduceScatterGather());
        always(new ReduceBinomial());
        always(new ReduceViaCoordinator(Kind.REDUCE));
        row(s -> s.commutative() && ring(s, REDUCE_LARGE), new AllreduceRing());
        always(new AllreduceRecursiveDoubling());
        always(new ReduceViaCoordinator(Kind.ALLREDUCE));
        always(new ScanRecursiveDoubling(Kind.SCAN));
        always(new ScanViaCoordinator(Kind.SCAN));
        always(new ScanRecursiveDoubling(Kind.EXSCAN));
        always(new ScanViaCoordinator(Kind.EXSCAN));
        row(s -> s.commutative() && ring(s, REDUCE_LARGE), new ReduceScatterRing());
        row(s -> s.commutative(), new ReduceScatterRecursiveHalving());
        always(new ReduceScatterBinomial());
        always(new ReduceScatterViaCoordinator());
        always(new AlltoallwPairwise());
        always(new AlltoallwViaCoordinator());
        always(new CustomViaCoordinator());
        always(new SplitViaCoordinator());
        always(new AgreeViaCoordinator());
        always(new ShrinkViaCoordinator());
        always(new CreateGroupViaCoordinator());
    }

    private CollectiveTable() {
    }

    private static void row(When when, Collective algorithm) {
        ROWS.computeIfAbsent(algorithm.kind(), k -> new ArrayList<>()).add(new Row(when, algorithm));
    }

    private static void always(Collective algorithm) {
        row(s -> true, algorithm);
    }

    /** Whether a buffer of at least large bytes, cut into a block per rank, gives blocks worth a ring step. */
    private static boolean ring(Shape s, long large) {
        return s.bytes() >= large && s.bytes() / s.ranks() >= RING_BLOCK;
    }

    /** The algorithm for this kind and shape: the one forced by name, else the first row that holds. */
    public static Collective choose(Kind kind, Shape shape) {
        List<Row> rows = rows(kind);
        String forced = System.getProperty("jmpi.coll." + kind.label());
        if (forced != null) {
            for (Row r : rows) {
                if (r.algorithm().name().equals(forced)) {
                    return r.algorithm();
                }
            }
            throw new MPIException(MPI.ERR_ARG, "jmpi.coll." + kind.label() + "=" + forced
                    + " names no algorithm of " + kind.label() + "; known: " + names(rows));
        }
        for (Row r : rows) {
            if (r.when().holds(shape)) {
                return r.algorithm();
            }
        }
        throw new IllegalStateException("no row holds for " + kind.label() + " " + shape);
    }

    /** How the coordinator completes an operation of this kind once every member's call is in. */
    public static ViaCoordinator viaCoordinator(Kind kind) {
        for (Row r : rows(kind)) {
            if (r.algorithm() instanceof ViaCoordinator v) {
                return v;
            }
        }
        throw new MPIException(MPI.ERR_INTERN, kind.label() + " has no coordinator algorithm");
    }

    private static List<Row> rows(Kind kind) {
        List<Row> rows = ROWS.get(kind);
        if (rows == null) {
            throw new MPIException(MPI.ERR_INTERN, kind.label() + " is not a collective");
        }
        return rows;
    }

    private static List<String> names(List<Row> rows) {
        List<String> names = new ArrayList<>();
        for (Row r : rows) {
            names.add(r.algorithm().name());
        }
        return names;
    }
}
