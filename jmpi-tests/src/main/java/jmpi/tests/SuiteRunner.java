package jmpi.tests;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import jmpi.Comm;
import jmpi.tests.cco.BarrierSuite;
import jmpi.tests.cco.CollectiveBufferSuite;
import jmpi.tests.cco.CollectiveErrorsSuite;
import jmpi.tests.cco.CollectiveNonBlockingSuite;
import jmpi.tests.cco.CollectiveVectorSuite;
import jmpi.tests.cco.AlltoallwSuite;
import jmpi.tests.cco.PersistentCollectiveSuite;
import jmpi.tests.cco.ReduceScatterSuite;
import jmpi.tests.cco.ScanSuite;
import jmpi.tests.cco.CollectiveObjectSuite;
import jmpi.tests.inter.IntercommMessageSuite;
import jmpi.tests.inter.IntercommSuite;
import jmpi.tests.p2p.LargeMessageSuite;
import jmpi.tests.p2p.MatchedProbeSuite;
import jmpi.tests.p2p.PersistentSuite;
import jmpi.tests.p2p.SendModesSuite;
import jmpi.tests.p2p.PointToPointBufferSuite;
import jmpi.tests.p2p.PointToPointObjectSuite;
import jmpi.tests.topo.NeighborBufferSuite;
import jmpi.tests.topo.NeighborObjectSuite;
import jmpi.tests.topo.TopoSuite;
import jmpi.tests.rma.WinAtomicSuite;
import jmpi.tests.rma.WinSuite;
import jmpi.tests.rma.WinSyncSuite;

/** Finds and runs rank-side tests; the same order on every rank, so collectives line up. */
public final class SuiteRunner {
    /** Every suite, in the order ranks run them. */
    public static final List<Class<? extends RankSuite>> SUITES = List.of(
            BarrierSuite.class,
            CollectiveObjectSuite.class,
            CollectiveNonBlockingSuite.class,
            CollectiveBufferSuite.class,
            CollectiveVectorSuite.class,
            CollectiveErrorsSuite.class,
            ScanSuite.class,
            ReduceScatterSuite.class,
            AlltoallwSuite.class,
            PersistentCollectiveSuite.class,
            PointToPointObjectSuite.class,
            PointToPointBufferSuite.class,
            LargeMessageSuite.class,
            SendModesSuite.class,
            MatchedProbeSuite.class,
            PersistentSuite.class,
            RequestSuite.class,
            ErrorsSuite.class,
            OperationSuite.class,
            CommSuite.class,
            GroupSuite.class,
            CommCreationSuite.class,
            IntercommSuite.class,
            IntercommMessageSuite.class,
            TopoSuite.class,
            NeighborObjectSuite.class,
            NeighborBufferSuite.class,
            WinSuite.class,
            WinAtomicSuite.class,
            WinSyncSuite.class);

    /** Classes the suites send besides JDK types, for JMPI_SERIAL. */
    public static final List<String> SERIAL = List.of(
            "jmpi.tests.ops.PairSum", "jmpi.tests.ops.Failing", "jmpi.tests.ops.Point");

    private SuiteRunner() {
    }

    /** The rank-side tests of a suite, sorted by name. */
    public static List<Method> tests(Class<?> suite) {
        return Arrays.stream(suite.getMethods())
                .filter(m -> m.isAnnotationPresent(RankTest.class))
                .sorted(Comparator.comparing(Method::getName))
                .toList();
    }

    /** Runs one test on this rank against comm; throws what the test threw. */
    public static void run(Class<? extends RankSuite> suite, Method test, Comm comm) throws Throwable {
        RankSuite s = suite.getDeclaredConstructor().newInstance();
        s.bind(comm);
        try {
            test.invoke(s);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Runs one test against a communicator of the given kind, opening and freeing it around the test. */
    public static void run(Class<? extends RankSuite> suite, Method test, CommKind kind, Comm world, Comm self)
            throws Throwable {
        Comm c = kind.open(world, self);
        try {
            run(suite, test, c);
        } finally {
            kind.close(c);
        }
    }
}
