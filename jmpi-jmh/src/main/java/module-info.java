/**
 * JMH benchmarks of jmpi's hot paths. JMH loads the benchmarks and the code it generates for them
 * reflectively, so the module is open.
 */
open module jmpi.jmh {
    requires jmpi;
    requires jmpi.runtime;
    requires io.netty.buffer;
    requires jmh.core;
}
