/** Rank-side test suites of jmpi; open so that the suite runner and Fory may reflect on them. */
open module jmpi.tests {
    requires jmpi;
    requires jdk.management;
    requires org.junit.jupiter.api;

    exports jmpi.tests;
    exports jmpi.tests.cco;
    exports jmpi.tests.inter;
    exports jmpi.tests.p2p;
    exports jmpi.tests.rma;
    exports jmpi.tests.ops;
    exports jmpi.tests.programs;
    exports jmpi.tests.tasks;
    exports jmpi.tests.topo;

    provides jmpi.op.Registration with jmpi.tests.ops.JmpiRegistration_jmpi_tests;
}
