package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The custom-operation examples under jmpirun at 1 to 4 ranks, every rank's result checked. */
class ExamplesTest {

    private static Jobs.Result example(int np, String main, String... options) throws Exception {
        String[] words = main.split(" ");
        String cls = words[0].startsWith(".") ? words[0].substring(1) : "ops." + words[0];
        List<String> cmd = new ArrayList<>(List.of(Jobs.java(), "-p", "examples/target/modules", "-m",
                "jmpi.examples/jmpi.examples." + cls));
        cmd.addAll(List.of(words).subList(1, words.length));
        ProcessBuilder pb = Jobs.jmpirun(np, cmd, options);
        pb.environment().remove("JMPI_SERIAL");
        Jobs.Result r = Jobs.run(pb, Duration.ofMinutes(1));
        assertEquals(0, r.exitCode(), r.out());
        return r;
    }

    private static Map<Integer, String> lines(String out) {
        Map<Integer, String> byRank = new TreeMap<>();
        Matcher m = Pattern.compile("(?m)^R(\\d+): (.*)$").matcher(out);
        while (m.find()) {
            byRank.put(Integer.parseInt(m.group(1)), m.group(2));
        }
        return byRank;
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4})
    void pairReduce(int np) throws Exception {
        Map<Integer, String> got = lines(example(np, "PairReduceExample").out());
        assertEquals(np, got.size(), got.toString());
        for (int r = 0; r < np; r++) {
            String expected = r % 2 == 1 ? "null" : Integer.toString(r + 1 < np ? 2 * r + 1 : r);
            assertEquals(expected, got.get(r), "rank " + r);
        }
    }

    @org.junit.jupiter.api.Test
    void classPathUsersGetTheGeneratedRegistrationToo() throws Exception {
        // no module path: the runtime and the registration are found through META-INF/services
        ProcessBuilder pb = Jobs.jmpirun(2, List.of(Jobs.java(), "-cp", "examples/target/modules/*",
                "jmpi.examples.ops.TopKExample"));
        pb.environment().remove("JMPI_SERIAL");
        Jobs.Result r = Jobs.run(pb, Duration.ofMinutes(1));
        assertEquals(0, r.exitCode(), r.out());
        assertEquals("r1-3=13 r1-2=12 r1-1=11", lines(r.out()).get(1));
    }

    @org.junit.jupiter.api.Test
    void gridRowsAndColumns() throws Exception {
        Map<Integer, String> got = lines(example(4, ".Grid").out());
        assertEquals("row 0 sum 1, column 0 sum 2", got.get(0));
        assertEquals("row 0 sum 1, column 1 sum 4", got.get(1));
        assertEquals("row 1 sum 5, column 0 sum 2", got.get(2));
        assertEquals("row 1 sum 5, column 1 sum 4", got.get(3));
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 6})
    void jacobiMatchesTheSequentialRun(int np) throws Exception {
        Map<Integer, String> got = lines(example(np, ".Jacobi 30 120").out());
        assertEquals(np, got.size(), got.toString());
        assertTrue(got.get(0).startsWith("30x30 plate on "), got.get(0));
        assertTrue(got.get(0).endsWith("120 steps: centre 3.728708, matches the sequential run"), got.get(0));
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4})
    void topK(int np) throws Exception {
        Map<Integer, String> got = lines(example(np, "TopKExample").out());
        int top = np - 1;
        String expected = "r" + top + "-3=" + (top * 10 + 3) + " r" + top + "-2=" + (top * 10 + 2) + " r" + top + "-1="
                + (top * 10 + 1);
        for (int r = 0; r < np; r++) {
            assertEquals(expected, got.get(r), "rank " + r);
        }
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4})
    void keyedMerge(int np) throws Exception {
        Map<Integer, String> got = lines(example(np, "KeyedMergeExample").out());
        assertEquals(np, got.size(), got.toString());
        // together the ranks own every word once, with the text's counts
        Map<String, Integer> all = new TreeMap<>();
        for (String line : got.values()) {
            String body = line.substring(1, line.length() - 1);
            if (body.isEmpty()) {
                continue;
            }
            for (String kv : body.split(", ")) {
                String[] p = kv.split("=");
                assertTrue(all.put(p[0], Integer.parseInt(p[1])) == null, "owned twice: " + p[0]);
            }
        }
        assertEquals(Map.of("to", 2, "be", 2, "or", 1, "not", 1, "that", 1, "is", 1, "the", 1, "question", 1), all);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {2, 4})
    void monteCarloPiWithATaskPool(int np) throws Exception {
        String out = example(np, ".pool.MonteCarloPi 40 20000").out();
        Map<Integer, String> got = lines(out);
        assertEquals(np, got.size(), out);
        // fixed seeds: the same estimate whichever rank ran which task
        double pi = Double.parseDouble(got.get(0).split(" ")[1]);
        assertTrue(Math.abs(pi - Math.PI) < 0.01, got.get(0));
        assertTrue(got.get(0).contains("from 800000 samples on " + (np - 1) + " workers"), got.get(0));
        for (int r = 1; r < np; r++) {
            assertEquals("served", got.get(r));
        }
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {2, 4})
    void aSolverThatLosesARankShrinksAndFinishesRight(int np) throws Exception {
        Jobs.Result r = example(np, ".ft.ShrinkingSolver", "--tolerate-failures");
        Map<Integer, String> got = lines(r.out());
        // with 4 ranks the last one crashes at step 3 and the others finish on 3; with 2 nobody crashes
        int survivors = np == 4 ? 3 : np;
        assertEquals(survivors, got.size(), r.out());
        for (String line : got.values()) {
            assertTrue(line.matches("total \\d+ right after " + (np == 4 ? 1 : 0) + " shrink\\(s\\), on " + survivors
                    + " rank\\(s\\)"), r.out());
        }
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 3})
    void ticketsFromSharedState(int np) throws Exception {
        String out = example(np, ".shared.Tickets 50").out();
        StringBuilder want = new StringBuilder("R0: tickets " + 50 * np + ", by rank {");
        for (int r = 0; r < np; r++) {
            want.append(r == 0 ? "" : ", ").append(r).append("=50");
        }
        assertTrue(out.contains(want.append('}').toString()), out);
    }

    @Test
    void aHangTimesOutNamingWhatTheMissingRankDoes() throws Exception {
        ProcessBuilder pb = Jobs.jmpirun(2, List.of(Jobs.java(), "-p", "examples/target/modules", "-m",
                "jmpi.examples/jmpi.examples.shared.Tickets", "5", "hang"));
        pb.environment().remove("JMPI_SERIAL");
        pb.environment().put("JMPI_DATA", "coordinator");
        pb.environment().put("JMPI_OP_TIMEOUT", "1s");
        Jobs.Result r = Jobs.run(pb, Duration.ofMinutes(1));
        assertTrue(r.exitCode() != 0, r.out());
        // the first rank to fail aborts the job and prints its error: either side of the hang names the other
        assertTrue(r.out().contains("barrier #1 on communicator 0 (MPI_COMM_WORLD) unmatched for") && r.out().contains(
                "missing rank 1 (waits in recv(source 0, tag 99) on communicator 0 (MPI_COMM_WORLD) for")
                || r.out().contains("recv(source 0, tag 99) on communicator 0 (MPI_COMM_WORLD) unmatched for") && r.out().contains(
                "no message came from rank 0 (waits in barrier #1 on communicator 0 (MPI_COMM_WORLD) for"), r.out());
    }
}
