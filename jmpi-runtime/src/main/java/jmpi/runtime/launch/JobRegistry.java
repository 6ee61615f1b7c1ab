package jmpi.runtime.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The running jmpirun jobs of this user on this host, for {@code jmpirun --status}: a file per job in a
 * directory of the user's own, named by the job's id (its jmpirun's process id) and naming the job's
 * coordinator port and its directory of marks, where the job token and the status door's port lie.
 */
final class JobRegistry {
    /** One running job. */
    record Entry(long id, int port, Path marks) {
    }

    private JobRegistry() {
    }

    static Path dir() {
        return Path.of(System.getProperty("java.io.tmpdir"), "jmpi-jobs-" + System.getProperty("user.name"));
    }

    /** Records this jmpirun's job; the file goes when the job ends. */
    static Path register(int port, Path marks) throws IOException {
        Path dir = dir();
        if (!Files.isDirectory(dir)) {
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (UnsupportedOperationException e) {
                Files.createDirectories(dir);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // another job made it meanwhile
            }
        }
        Path f = dir.resolve(ProcessHandle.current().pid() + ".job");
        Files.writeString(f, port + "\n" + marks + "\n");
        return f;
    }

    /** The jobs whose jmpirun still runs; files of jobs that ended without removing theirs are passed by. */
    static List<Entry> running() throws IOException {
        List<Entry> out = new ArrayList<>();
        if (!Files.isDirectory(dir())) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir())) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (!name.endsWith(".job")) {
                    continue;
                }
                try {
                    long id = Long.parseLong(name.substring(0, name.length() - 4));
                    List<String> lines = Files.readAllLines(f);
                    if (ProcessHandle.of(id).map(ProcessHandle::isAlive).orElse(false) && lines.size() >= 2) {
                        out.add(new Entry(id, Integer.parseInt(lines.get(0).trim()), Path.of(lines.get(1).trim())));
                    }
                } catch (NumberFormatException | IOException e) {
                    // a file half written, or of something else: not a job to show
                }
            }
        }
        return out;
    }
}
