package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import jmpi.Comm;

/**
 * Marks that ranks leave in a directory they share, so that a test sees whether a barrier let a rank
 * through before every rank had arrived. Files rather than memory: the ranks of a job under jmpirun are
 * processes of one host, those of an in-JVM job threads of one process, and both see the same files.
 *
 * <pre>
 * try (Arrivals a = Arrivals.open(comm)) {
 *     a.arrive();
 *     comm.barrier();
 *     a.assertAllArrived();
 * }
 * </pre>
 */
public final class Arrivals implements AutoCloseable {
    private final Comm comm;
    private final Path dir;
    private int round;

    private Arrivals(Comm comm, Path dir) {
        this.comm = comm;
        this.dir = dir;
    }

    /** Rank 0 makes the directory and broadcasts where it is; collective. */
    public static Arrivals open(Comm comm) {
        try {
            String made = comm.rank() == 0 ? Files.createTempDirectory("jmpi-arrivals-").toString() : null;
            return new Arrivals(comm, Path.of(comm.<String>bcast(made, 0)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Marks this rank's arrival in the current round; call just before entering the barrier. */
    public void arrive() {
        try {
            Files.createFile(dir.resolve(round + "-" + comm.rank()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts, just after leaving the barrier, that every rank had arrived in this round; then starts the next. */
    public void assertAllArrived() {
        String prefix = round + "-";
        try (Stream<Path> marks = Files.list(dir)) {
            long arrived = marks.filter(p -> p.getFileName().toString().startsWith(prefix)).count();
            assertEquals(comm.size(), arrived, "rank " + comm.rank() + " left round " + round
                    + " before every rank had arrived");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        round++;
    }

    /** Removes the directory once every rank is done with it; collective. */
    @Override
    public void close() {
        comm.barrier();
        if (comm.rank() == 0) {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
