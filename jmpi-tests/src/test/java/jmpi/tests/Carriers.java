package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * What a job's ranks really ran on, as each rank's own Flight Recorder saw it: every operation event
 * names the carrier of the rank's link to the coordinator (the transport that made the connection,
 * and the TLS protocol when its bytes were encrypted). A job whose JMPI_PROTO or JMPI_SSL was ignored
 * names {@code tcp} instead.
 */
final class Carriers {
    /** What COMM_SELF's operations name: its coordinator is inside the rank. */
    private static final String IN_PROCESS = "in-process";

    private Carriers() {
    }

    /** Options for a rank's JVM: record into dir, one file per JVM, written when the rank exits. */
    static List<String> recordInto(Path dir) {
        // a directory as the file name: each JVM writes a file of its own there, named by its pid; and no
        // word of it in the rank's output
        return List.of("-XX:StartFlightRecording:filename=" + dir + File.separator, "-Xlog:jfr+startup=off");
    }

    /** The carriers each recording in dir names, one set per rank's JVM; COMM_SELF's are left out. */
    static List<Set<String>> seen(Path dir) throws IOException {
        List<Set<String>> ranks = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jfr")).sorted().toList()) {
                Set<String> carriers = new TreeSet<>();
                for (RecordedEvent e : RecordingFile.readAllEvents(f)) {
                    if (e.getEventType().getName().equals("jmpi.Operation")) {
                        carriers.add(e.getString("carrier"));
                    }
                }
                carriers.remove(IN_PROCESS);
                ranks.add(carriers);
            }
        }
        return ranks;
    }

    /** The carriers that the operations of body name, in this JVM, as a recording kept in dir sees them. */
    static Set<String> seenWhile(Path dir, Runnable body) throws IOException {
        Path file = Files.createTempFile(dir, "carriers", ".jfr");
        try (Recording r = new Recording()) {
            r.enable("jmpi.Operation");
            r.start();
            body.run();
            r.stop();
            r.dump(file);
        }
        Set<String> carriers = new TreeSet<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (e.getEventType().getName().equals("jmpi.Operation")) {
                carriers.add(e.getString("carrier"));
            }
        }
        carriers.remove(IN_PROCESS);
        return carriers;
    }

    /** Asserts that np ranks recorded into dir and that each one's link named a carrier matching pattern, only. */
    static void assertEveryRankRanOn(Path dir, int np, String pattern) throws IOException {
        List<Set<String>> ranks = seen(dir);
        assertEquals(np, ranks.size(), "recordings of the ranks: " + ranks);
        for (Set<String> carriers : ranks) {
            assertFalse(carriers.isEmpty(), "a rank recorded no operation on its link: " + ranks);
            for (String c : carriers) {
                assertTrue(c.matches(pattern), "a rank ran on " + c + ", not " + pattern + ": " + ranks);
            }
        }
    }
}
