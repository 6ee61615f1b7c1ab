package jmpi.runtime.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import jmpi.Config;
import jmpi.Coordinator;
import jmpi.Session;

/**
 * A job of n ranks in this JVM, on the direct data plane over loopback, with a coordinator of its
 * own: each rank runs the body on a thread of its own, then all close together. The sessions are the
 * client's own, so a body can read what the data plane counted.
 */
final class RanksInJvm {
    private RanksInJvm() {
    }

    /** What body returned on each rank, by rank; rethrows the first failure (as ExecutionException). */
    static <T> List<T> run(int n, String token, Function<ClientSession, T> body) throws Exception {
        Config base = Config.builder().port(0).token(token).waitTime(Duration.ofSeconds(30)).build();
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try (Coordinator coordinator = Coordinator.start(base)) {
            Config ranks = base.toBuilder().addr("127.0.0.1").port(coordinator.address().getPort()).size(n).build();
            List<ClientSession> sessions = new ArrayList<>();
            for (int r = 0; r < n; r++) {
                sessions.add((ClientSession) Session.connect(ranks.toBuilder().rank(r).build()));
            }
            List<Future<T>> running = new ArrayList<>();
            for (ClientSession s : sessions) {
                running.add(pool.submit(() -> body.apply(s)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : running) {
                results.add(f.get(2, TimeUnit.MINUTES));
            }
            List<Future<?>> closing = new ArrayList<>();
            for (Session s : sessions) {
                closing.add(pool.submit(s::close));
            }
            for (Future<?> f : closing) {
                f.get(1, TimeUnit.MINUTES);
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
