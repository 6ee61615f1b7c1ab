package jmpi.runtime.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * How jmpirun learns whether a rank finalized, which its exit status cannot say ({@code System.exit(0)}
 * and {@code Runtime.halt(0)} before Finalize exit 0 too): a directory of the launcher's own, named to
 * the ranks in their environment, where each rank marks that it joined its job and, later, that it
 * finalized. A program that never starts jmpi marks nothing and is judged by its status alone.
 */
final class JobMarkers {
    /** The launcher's directory of marks. */
    static final String DIR = "JMPI_LAUNCHER_DIR";
    /** The launcher's process id: ranks exit when it is gone. */
    static final String PID = "JMPI_LAUNCHER_PID";

    private final Path dir;

    private JobMarkers(Path dir) {
        this.dir = dir;
    }

    /** A new, private directory for one job's marks. */
    static JobMarkers create() throws IOException {
        return new JobMarkers(Files.createTempDirectory("jmpirun-"));
    }

    /** Tells a rank where to mark, and whom to watch. */
    void export(Map<String, String> env) {
        env.put(DIR, dir.toString());
        env.put(PID, Long.toString(ProcessHandle.current().pid()));
    }

    /** Keeps the job token where {@code jmpirun --status} finds it: in this private directory. */
    void keepToken(String token) throws IOException {
        Files.writeString(dir.resolve(StatusCommand.TOKEN), token);
    }

    /** The directory of marks, which the job's entry in {@link JobRegistry} names. */
    Path dir() {
        return dir;
    }

    /**
     * Opens the embedded coordinator's roll-call to {@code jmpirun --status}, when a launcher asked for
     * marks: the status door's port goes beside them.
     */
    static void openStatusDoor(jmpi.runtime.coordinator.CoordinatorServer coordinator, String token,
            Map<String, String> env) {
        String dir = env.get(DIR);
        if (dir == null || dir.isBlank() || token == null) {
            return;
        }
        try {
            int port = coordinator.openStatusDoor(token);
            Path tmp = Path.of(dir, StatusCommand.DOOR + ".tmp");
            Files.writeString(tmp, Integer.toString(port));
            Files.move(tmp, Path.of(dir, StatusCommand.DOOR), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            System.getLogger(JobMarkers.class.getName()).log(System.Logger.Level.WARNING,
                    "jmpirun --status will not reach this job: " + e);
        }
    }

    /** Whether rank joined its job and left it without finalizing. */
    boolean leftWithoutFinalizing(int rank) {
        return Files.exists(dir.resolve(joined(rank))) && !Files.exists(dir.resolve(finalized(rank)));
    }

    /** Removes the directory and its marks. */
    void delete() {
        try (Stream<Path> marks = Files.list(dir)) {
            for (Path m : (Iterable<Path>) marks::iterator) {
                Files.deleteIfExists(m);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a few empty files in the temporary directory: nothing to stop for
        }
    }

    /** Marks, when a launcher asked for marks, that this process joined its job as rank. */
    static void joined(int rank, Map<String, String> env) {
        mark(env, joined(rank));
    }

    /** Marks, when a launcher asked for marks, that this process finalized as rank. */
    static void finalized(int rank, Map<String, String> env) {
        mark(env, finalized(rank));
    }

    private static void mark(Map<String, String> env, String name) {
        String dir = env.get(DIR);
        if (dir == null || dir.isBlank()) {
            return;
        }
        try {
            Files.createFile(Path.of(dir, name));
        } catch (IOException e) {
            // marked already, or the launcher is gone with its directory: either way nothing to tell
        }
    }

    private static String joined(int rank) {
        return rank + ".joined";
    }

    private static String finalized(int rank) {
        return rank + ".finalized";
    }
}
