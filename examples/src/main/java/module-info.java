/** Example jmpi programs. */
module jmpi.examples {
    requires jmpi;

    exports jmpi.examples;
    exports jmpi.examples.ops;
    exports jmpi.examples.pool;
    exports jmpi.examples.ft;
    exports jmpi.examples.shared;

    provides jmpi.op.Registration with jmpi.examples.ops.JmpiRegistration_jmpi_examples;
}
