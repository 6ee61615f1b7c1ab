package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import jmpi.Config;
import jmpi.Coordinator;
import jmpi.Session;
import jmpi.exec.Task;
import jmpi.exec.TaskPool;
import jmpi.tests.tasks.Crashes;
import jmpi.tests.tasks.Square;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The task pool across processes: under jmpirun (TCP on both planes, gRPC), and with a worker process that really exits mid-run. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class TaskPoolProcessTest {
    private static final String TOKEN = "task-pool-process-test";
    private static final long SUM_OF_SQUARES_TO_200 = 200L * 201 * 401 / 6;

    private final List<Running> workers = new ArrayList<>();
    private Coordinator coordinator;
    private Session root;

    @AfterEach
    void stop() {
        workers.forEach(Running::close);
        if (root != null) {
            root.close();
        }
        if (coordinator != null) {
            coordinator.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {Config.DATA_DIRECT, Config.DATA_COORDINATOR})
    void theSameCodeOnEveryRankUnderTheLauncher(String data) throws Exception {
        ProcessBuilder pb = Jobs.jmpirun(3, Jobs.rankCommand("jmpi.tests.programs.PoolSquares", "200", "9"));
        pb.environment().put("JMPI_DATA", data);
        Jobs.Result r = Jobs.run(pb, Duration.ofMinutes(2));
        assertEquals(0, r.exitCode(), r.out());
        assertTrue(r.out().contains("rank 0: sum " + SUM_OF_SQUARES_TO_200), r.out());
        for (int rank = 1; rank < 3; rank++) {
            assertTrue(r.out().contains("rank " + rank + ": served, pool terminated true"), r.out());
        }
    }

    @Test
    void theExampleRunsOverGrpc() throws Exception {
        ProcessBuilder pb = Jobs.jmpirun(3, List.of(Jobs.java(), "-p", "examples/target/modules", "-m",
                "jmpi.examples/jmpi.examples.pool.MonteCarloPi", "12", "1000"));
        pb.environment().remove("JMPI_SERIAL");
        pb.environment().put("JMPI_PROTO", "grpc");
        Jobs.Result r = Jobs.run(pb, Duration.ofMinutes(2));
        assertEquals(0, r.exitCode(), r.out());
        assertTrue(r.out().contains("from 12000 samples on 2 workers"), r.out());
        assertTrue(r.out().contains("R1: served") && r.out().contains("R2: served"), r.out());
    }

    @Test
    void aWorkerProcessThatExitsLosesNoTask(@TempDir Path dir) throws Exception {
        coordinator = Coordinator.start(Config.builder().port(0).token(TOKEN).build());
        int port = coordinator.address().getPort();
        for (int rank = 1; rank < 3; rank++) {
            ProcessBuilder pb = new ProcessBuilder(Jobs.rankCommand("jmpi.tests.programs.PoolSquares", "0", "1"))
                    .directory(Jobs.root().toFile());
            Jobs.cleanEnvironment(pb.environment());
            pb.environment().putAll(Map.of("JMPI_RANK", Integer.toString(rank), "JMPI_SIZE", "3",
                    "JMPI_ADDR", "127.0.0.1", "JMPI_PORT", Integer.toString(port), "JMPI_TOKEN", TOKEN));
            workers.add(Running.start(pb));
        }
        root = Session.connect(Config.builder().rank(0).size(3).addr("127.0.0.1").port(port).token(TOKEN)
                .waitTime(Duration.ofMinutes(1)).build());
        List<Task<Long>> tasks = new ArrayList<>(LongStream.rangeClosed(1, 40).mapToObj(Square::of).toList());
        Crashes.ExitOnce exit = new Crashes.ExitOnce(dir.resolve("exited").toString(), 7);
        tasks.add(20, exit);
        Map<Task<?>, Integer> runs = new ConcurrentHashMap<>();
        try (TaskPool pool = TaskPool.open(root.world(), 0, (task, worker, n, failure) -> runs.merge(task, n,
                (a, b) -> -1))) {
            List<Future<Long>> futures = tasks.stream().map(pool::submit).toList();
            for (int i = 0; i < tasks.size(); i++) {
                long want = tasks.get(i) instanceof Square sq ? sq.x() * sq.x() : 7;
                assertEquals(want, futures.get(i).get(1, TimeUnit.MINUTES));
            }
        }
        assertTrue(Files.exists(dir.resolve("exited")));
        assertEquals(2, runs.get(exit), "the task whose process exited ran again, once, and ended once");
        assertEquals(tasks.size(), runs.size());
        assertTrue(runs.values().stream().noneMatch(n -> n < 0), "a task ended twice: " + runs);
        List<Integer> codes = new ArrayList<>();
        for (Running w : workers) {
            codes.add(w.waitFor(Duration.ofMinutes(1)).exitCode());
        }
        assertTrue(codes.contains(3), "one worker exited with 3: " + codes);
    }
}
