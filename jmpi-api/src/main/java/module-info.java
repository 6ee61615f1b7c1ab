/**
 * jmpi: message passing for Java. Programs write {@code requires jmpi;} and use {@link jmpi.MPI};
 * the runtime is bound from the module path as a {@link jmpi.spi.RuntimeProvider}.
 *
 * <p>Every rank of a job runs the same program; {@link jmpi.MPI#COMM_WORLD} holds them all:
 * {@snippet :
 * Comm comm = MPI.COMM_WORLD;
 * int size = comm.size(), rank = comm.rank();
 * comm.barrier();
 * String msg = comm.bcast("Hello, World!");
 * List<Integer> ranks = comm.allgather(rank);
 * switch (rank) {
 *     case 0 -> comm.send("Hello, 1!", 1);
 *     case 1 -> comm.recv(0);
 *     default -> {}
 * }
 * Request<Integer> req = comm.ireduce(rank, MPI.SUM, 0);
 * Integer sum = req.waitFor();                 // null on non-root ranks
 * }
 *
 * <p>The README tells the rest:
 * <ul>
 *   <li><a href="https://github.com/jmpi-project/jmpi#your-own-collectives">Your own collectives</a>:
 *       {@code @Operation} records the coordinator runs</li>
 *   <li><a href="https://github.com/jmpi-project/jmpi#using-it">Using it</a>: {@code jmpirun} and
 *       the methods</li>
 *   <li><a href="https://github.com/jmpi-project/jmpi#options">Options</a>: the {@code JMPI_*}
 *       variables</li>
 *   <li><a href="https://github.com/jmpi-project/jmpi#transports">Transports</a>: TCP, TLS, MQTT
 *       and gRPC</li>
 *   <li><a href="https://github.com/jmpi-project/jmpi#when-a-job-hangs">When a job hangs</a> and
 *       <a href="https://github.com/jmpi-project/jmpi#when-a-rank-fails">when a rank fails</a></li>
 *   <li><a href="https://github.com/jmpi-project/jmpi#using-jmpi-in-your-own-project">Using jmpi in
 *       your own project</a>: Maven, Gradle and the testing kit</li>
 * </ul>
 */
module jmpi {
    exports jmpi;
    exports jmpi.op;
    exports jmpi.exec;
    exports jmpi.shared;
    exports jmpi.spi to jmpi.runtime;

    uses jmpi.spi.RuntimeProvider;
    uses jmpi.spi.TaskPools;
    uses jmpi.spi.Windows;
}
