/**
 * jmpi: message passing for Java. Programs write {@code requires jmpi;} and use {@link jmpi.MPI};
 * the runtime is bound from the module path as a {@link jmpi.spi.RuntimeProvider}.
 */
module jmpi {
    exports jmpi;
    exports jmpi.op;
    exports jmpi.exec;
    exports jmpi.spi to jmpi.runtime;

    uses jmpi.spi.RuntimeProvider;
    uses jmpi.spi.TaskPools;
}
