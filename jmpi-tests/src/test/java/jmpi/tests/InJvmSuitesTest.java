package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.PooledByteBufAllocator;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import jmpi.Config;
import jmpi.tests.cco.CollectiveBufferSuite;
import jmpi.tests.cco.CollectiveNonBlockingSuite;
import jmpi.tests.cco.CollectiveObjectSuite;
import jmpi.tests.cco.AlltoallwSuite;
import jmpi.tests.cco.CollectiveVectorSuite;
import jmpi.tests.cco.PersistentCollectiveSuite;
import jmpi.tests.cco.ReduceScatterSuite;
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
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every rank-side suite, on every communicator kind, at 1 to 5 ranks inside this JVM, messages and
 * collectives going rank to rank; the suites of messages and collectives again through the
 * coordinator; then, that as many tests passed as the suites declare, and that no buffer leaked.
 */
class InJvmSuitesTest {
    /** The suites whose messages and collectives take the path that {@link Config#data()} chooses. */
    private static final List<Class<? extends RankSuite>> MESSAGE_SUITES = List.of(PointToPointObjectSuite.class,
            PointToPointBufferSuite.class, LargeMessageSuite.class, SendModesSuite.class,
            MatchedProbeSuite.class, RequestSuite.class, ErrorsSuite.class, CommSuite.class, CommCreationSuite.class,
            IntercommSuite.class, IntercommMessageSuite.class,
            CollectiveObjectSuite.class, CollectiveNonBlockingSuite.class, CollectiveBufferSuite.class,
            CollectiveVectorSuite.class, ReduceScatterSuite.class, AlltoallwSuite.class, PersistentSuite.class,
            PersistentCollectiveSuite.class, TopoSuite.class, NeighborObjectSuite.class, NeighborBufferSuite.class,
            WinSuite.class, WinAtomicSuite.class,
            WinSyncSuite.class);

    private static final int SIZES = 5;
    private final AtomicInteger passed = new AtomicInteger();

    @TestFactory
    Stream<DynamicNode> suites() {
        List<DynamicNode> all = new ArrayList<>();
        all.add(DynamicTest.dynamicTest("the runner finds every test", ExpectedTests::assertRunnerFindsEveryTest));
        all.addAll(tree(SuiteRunner.SUITES, null));
        all.add(DynamicContainer.dynamicContainer("through the coordinator",
                tree(MESSAGE_SUITES, Config.DATA_COORDINATOR)));
        int messageTests = MESSAGE_SUITES.stream().mapToInt(c -> ExpectedTests.declared(c).size()).sum();
        int expected = SIZES * CommKind.values().length * (ExpectedTests.perCommKind() + messageTests);
        all.add(DynamicTest.dynamicTest("every test ran and passed", () -> assertEquals(expected, passed.get())));
        all.add(DynamicTest.dynamicTest("no buffer leaked", InJvmSuitesTest::noBufferLeaked));
        return all.stream();
    }

    private List<DynamicNode> tree(List<Class<? extends RankSuite>> suiteClasses, String data) {
        List<DynamicNode> sizes = new ArrayList<>();
        for (int n = 1; n <= SIZES; n++) {
            int size = n;
            List<DynamicNode> kinds = new ArrayList<>();
            for (CommKind kind : CommKind.values()) {
                List<DynamicNode> suites = new ArrayList<>();
                for (Class<? extends RankSuite> suite : suiteClasses) {
                    List<DynamicNode> tests = new ArrayList<>();
                    for (Method m : SuiteRunner.tests(suite)) {
                        tests.add(DynamicTest.dynamicTest(m.getName(), () -> {
                            try (InJvmJob job = InJvmJob.start(size, data)) {
                                job.run((rank, s) -> SuiteRunner.run(suite, m, kind, s.world(), s.self()));
                            }
                            passed.incrementAndGet();
                        }));
                    }
                    suites.add(DynamicContainer.dynamicContainer(suite.getSimpleName(), tests));
                }
                kinds.add(DynamicContainer.dynamicContainer(kind.name(), suites));
            }
            sizes.add(DynamicContainer.dynamicContainer(size + " ranks", kinds));
        }
        return sizes;
    }

    /**
     * Netty reports a leaked buffer when it finds, on a later allocation, that one was collected
     * without being released: collect, allocate, and look at what the detector saw.
     */
    private static void noBufferLeaked() {
        assertTrue(LeakCounter.installed(), "the leak detector is not installed (surefire's argLine)");
        for (int round = 0; round < 5; round++) {
            System.gc();
            for (int i = 0; i < 1000; i++) {
                PooledByteBufAllocator.DEFAULT.directBuffer(64).release();
            }
        }
        assertEquals(List.of(), LeakCounter.LEAKS);
    }
}
