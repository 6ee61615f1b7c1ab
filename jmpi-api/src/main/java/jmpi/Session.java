package jmpi;

/**
 * One rank's connection to a job. {@link MPI#Init()} opens one for {@link MPI#COMM_WORLD}; a program
 * (or a test) may open several, each as its own rank, for example to run a job inside one JVM.
 */
public interface Session extends AutoCloseable {
    /**
     * Connects as {@code config.rank()} of {@code config.size()}; rank 0 starts the coordinator unless {@code config.addr()} is set.
     *
     * @param config the rank's options
     * @return the open session
     */
    static Session connect(Config config) {
        return Runtimes.provider().connect(config);
    }

    /**
     * The communicator of every rank of the job.
     *
     * @return the world communicator
     */
    Comm world();

    /**
     * This rank's own communicator, of size 1.
     *
     * @return the self communicator
     */
    Comm self();

    /** Finalizes: waits for every rank (collective), then disconnects. Idempotent. */
    @Override
    void close();

    /**
     * Whether {@link #close()} has completed.
     *
     * @return true once closed
     */
    boolean isClosed();

    /**
     * What this rank's calls wait for on its links to the other ranks, which the coordinator's
     * roll-call cannot see: one line each, such as {@code recv(source 2, tag 7) on communicator 0}.
     *
     * @return the lines, empty when nothing waits
     */
    default java.util.List<String> waits() {
        return java.util.List.of();
    }
}
