/**
 * Benchmarks for jmpi: message throughput (Iops), operation latency (Latency), how collectives scale
 * (Scaling), persistent against fresh allreduce (PersistentAllreduce), and a halo exchange by a
 * neighbour collective against Sendrecv pairs (HaloExchange).
 */
module jmpi.bench {
    requires jmpi;
    requires java.management;
    requires info.picocli;

    // run as main classes, not used as a library; picocli fills the option fields reflectively
    opens jmpi.bench to info.picocli;
}
