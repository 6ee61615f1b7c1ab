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
 * must choose alike, so a condition may read the ranks but not the bytes, which differ between ranks
 * (a bcast's root has them, the others do not).
 */
public final class CollectiveTable {
    /** What the choice may depend on: the bytes each rank contributes and how many ranks take part. */
    public record Shape(long bytes, int ranks) {
    }

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
        always(new BcastBinomial());
        always(new BcastViaCoordinator());
        always(new GatherBinomial());
        always(new GatherViaCoordinator(Kind.GATHER));
        always(new AllgatherBruck());
        always(new GatherViaCoordinator(Kind.ALLGATHER));
        always(new ScatterBinomial());
        always(new ScatterViaCoordinator());
        always(new AlltoallPairwise());
        always(new AlltoallViaCoordinator());
        always(new ReduceBinomial());
        always(new ReduceViaCoordinator(Kind.REDUCE));
        always(new AllreduceRecursiveDoubling());
        always(new ReduceViaCoordinator(Kind.ALLREDUCE));
        always(new ScanViaCoordinator(Kind.SCAN));
        always(new ScanViaCoordinator(Kind.EXSCAN));
        always(new CustomViaCoordinator());
        always(new SplitViaCoordinator());
    }

    private CollectiveTable() {
    }

    private static void row(When when, Collective algorithm) {
        ROWS.computeIfAbsent(algorithm.kind(), k -> new ArrayList<>()).add(new Row(when, algorithm));
    }

    private static void always(Collective algorithm) {
        row(s -> true, algorithm);
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
