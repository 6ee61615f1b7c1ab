package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the ranks of the soak program (jmpi.tests.programs.Soak) wrote to their report files, and what
 * must hold for the survivors when one rank of the job died: each said nothing, or that the documented
 * failure stopped it, and no wrong result or undocumented exception showed anywhere in their output.
 */
final class SoakReports {
    private final Path dir;
    private final int np;

    SoakReports(Path dir, int np) {
        this.dir = dir;
        this.np = np;
    }

    /** Everything rank wrote to its report, stripped; empty if it wrote nothing. */
    String of(int rank) throws IOException {
        Path f = dir.resolve("soak-" + rank + ".txt");
        return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8).strip() : "";
    }

    /** The first line rank wrote, or an empty string. */
    String firstLine(int rank) throws IOException {
        return of(rank).lines().findFirst().orElse("");
    }

    /**
     * Checks what every rank but the victim reported and printed (with jmpirun's {@code --prefix});
     * returns how many survivors named the victim as the failed rank. A survivor may name another rank:
     * one that the victim's failure made leave in turn (when the coordinator's rank is lost, the others
     * exit), which failed as surely.
     */
    int assertSurvivorsSawOnlyTheDocumentedFailure(int victim, String out) throws IOException {
        Pattern documented = Pattern.compile("soak rank (\\d+) of " + np + ": \\d+ steps, \\d+ checks passed, "
                + "\\d+ completed results kept; stopped by (ProcessFailedException \\(ERR_PROC_FAILED\\), failed rank "
                + "(\\d+|unknown)|the launcher \\(.*\\))");
        int named = 0;
        for (int rank = 0; rank < np; rank++) {
            if (rank == victim) {
                continue;
            }
            String line = of(rank);
            // a survivor stopped before it reported has nothing to check; what it did say must be documented
            if (!line.isEmpty()) {
                Matcher m = documented.matcher(line);
                assertTrue(m.matches(), "rank " + rank + " reported: " + line + "\n" + out);
                assertNotEquals(Integer.toString(rank), m.group(3), "a rank named itself as failed: " + line);
                named += line.endsWith("failed rank " + victim) ? 1 : 0;
            }
            String prefix = "[" + rank + "]";
            for (String printed : out.lines().filter(l -> l.startsWith(prefix)).toList()) {
                assertFalse(printed.contains("CHECK FAILED") || printed.contains("UNEXPECTED"), out);
                if (printed.contains("Exception") || printed.contains("Error")) {
                    assertTrue(printed.contains("ProcessFailedException"), "undocumented: " + printed + "\n" + out);
                }
            }
        }
        return named;
    }
}
