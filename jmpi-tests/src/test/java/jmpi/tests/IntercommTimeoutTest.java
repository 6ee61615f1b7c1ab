package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import jmpi.Comm;
import jmpi.Config;
import jmpi.Coordinator;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Session;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Leaders whose tags never match do not wait for ever: under JMPI_OP_TIMEOUT, Create_intercomm fails
 * with ERR_TIMEOUT on every rank of both groups, on either path, and the ranks go on.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class IntercommTimeoutTest {
    private static final int N = 4;

    @ParameterizedTest
    @ValueSource(strings = {Config.DATA_DIRECT, Config.DATA_COORDINATOR})
    void leadersWithDifferentTagsFailWithErrTimeout(String data) throws Exception {
        Config base = Config.builder().port(0).token("intercomm-timeout-test").data(data)
                .opTimeout(Duration.ofMillis(400)).waitTime(Duration.ofSeconds(10)).build();
        ExecutorService pool = Executors.newFixedThreadPool(N);
        List<Session> sessions = new ArrayList<>();
        try (Coordinator coordinator = Coordinator.start(base)) {
            for (int r = 0; r < N; r++) {
                sessions.add(Session.connect(base.toBuilder().rank(r).size(N).addr("127.0.0.1")
                        .port(coordinator.address().getPort()).build()));
            }
            List<Future<MPIException>> failures = new ArrayList<>();
            for (int r = 0; r < N; r++) {
                Comm world = sessions.get(r).world();
                int color = r / 2;
                failures.add(pool.submit(() -> {
                    Comm half = world.Split(color, 0);
                    // the lower leader sends tag 1, the upper one tag 2: neither receive can match
                    return assertThrows(MPIException.class,
                            () -> half.Create_intercomm(0, world, color == 0 ? 2 : 0, color + 1));
                }));
            }
            for (Future<MPIException> f : failures) {
                MPIException e = f.get(1, TimeUnit.MINUTES);
                assertEquals(MPI.ERR_TIMEOUT, e.errorClass(), e.getMessage());
            }
            List<Future<Integer>> sums = new ArrayList<>();
            for (Session s : sessions) {
                sums.add(pool.submit(() -> s.world().<Integer>allreduce(1)));
            }
            for (Future<Integer> f : sums) {
                assertEquals(N, (int) f.get(1, TimeUnit.MINUTES));
            }
        } finally {
            for (Session s : sessions) {
                pool.submit(s::close);
            }
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
    }
}
