package jmpi.testing;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import jmpi.Comm;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * Runs a job of many ranks inside this JVM from any test, for example on every try of a property:
 *
 * {@snippet class=jmpi.testing.MPITestingTest region=property}
 *
 * <p>Each call starts a coordinator on a free loopback port, runs the body on every rank at once, each
 * rank in a thread of its own with its own {@link Comm} (the world of the job; {@code MPI.COMM_WORLD} is
 * not it), and finalizes every rank before it returns. A rank that throws fails the call with an
 * {@link AssertionError} that names the rank and carries its exception; the other ranks are stopped.
 * A job still running after the timeout fails with the coordinator's roll-call of what each rank waits
 * in. Classes the ranks send need a registration, as in any job (or a name in {@code JMPI_SERIAL}).
 */
public final class MPITesting {
    /** The timeout of the methods that take none. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private MPITesting() {
    }

    /** Runs body on ranks ranks at once and returns when every rank has finished and finalized. */
    public static void run(int ranks, ThrowingConsumer<Comm> body) {
        run(ranks, DEFAULT_TIMEOUT, body);
    }

    /** Runs body on ranks ranks at once; fails if they have not all finished within timeout. */
    public static void run(int ranks, Duration timeout, ThrowingConsumer<Comm> body) {
        LocalJob.run(ranks, timeout, body);
    }

    /** Runs body on ranks ranks at once and returns what each rank returned, by rank (null where it returned null). */
    public static <R> List<R> call(int ranks, Function<Comm, R> body) {
        return call(ranks, DEFAULT_TIMEOUT, body);
    }

    /** As {@link #call(int, Function)}, failing if the ranks have not all finished within timeout. */
    public static <R> List<R> call(int ranks, Duration timeout, Function<Comm, R> body) {
        Object[] results = new Object[ranks < 1 ? 0 : ranks];
        LocalJob.run(ranks, timeout, comm -> results[comm.rank()] = body.apply(comm));
        @SuppressWarnings("unchecked") // every slot holds what body returned, an R
        List<R> byRank = (List<R>) Collections.unmodifiableList(Arrays.asList(results));
        return byRank;
    }
}
