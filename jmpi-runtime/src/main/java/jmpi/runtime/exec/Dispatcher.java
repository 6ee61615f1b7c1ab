package jmpi.runtime.exec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import jmpi.Comm;
import jmpi.MPI;
import jmpi.ProcessFailedException;
import jmpi.Request;
import jmpi.exec.TaskListener;

/**
 * The root's scheduler. Every decision runs on one thread of its own, so its state needs no locks:
 * each worker's pull arrives as an event, is answered with the next chunk of the queue (or parks the
 * worker until there is one), and a worker whose receive fails with its rank's failure gives its
 * chunk back to the front of the queue, to run once more elsewhere.
 */
final class Dispatcher {
    private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());
    private final Comm comm;
    private final TaskListener listener;
    private final ExecutorService loop;
    private final Deque<List<Entry<?>>> queue = new ArrayDeque<>();
    /** What each live worker holds (empty before its first pull); parked workers hold nothing. */
    private final Map<Integer, List<Entry<?>>> running = new HashMap<>();
    private final Set<Integer> parked = new TreeSet<>();
    private final Map<Integer, Request<?>> listening = new HashMap<>();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private boolean shuttingDown;

    Dispatcher(Comm comm, int root, TaskListener listener) {
        this.comm = comm;
        this.listener = listener;
        // a plain executor: the JDK's single-thread one shuts itself down when unreachable
        this.loop = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "jmpi-task-pool");
            t.setDaemon(true);
            return t;
        });
        post(() -> {
            for (int w = 0; w < comm.size(); w++) {
                if (w != root) {
                    running.put(w, List.of());
                    listen(w);
                }
            }
            settle();
        });
    }

    /** Runs step on the pool's thread; what escapes it is a bug, logged, and the pool goes on. */
    private void post(Runnable step) {
        loop.execute(() -> {
            try {
                step.run();
            } catch (RuntimeException | Error e) {
                LOG.log(System.Logger.Level.ERROR, "a step of the task pool failed", e);
            }
        });
    }

    void submit(List<Entry<?>> chunk) {
        post(() -> {
            queue.add(chunk);
            settle();
        });
    }

    void shutdown() {
        post(() -> {
            shuttingDown = true;
            settle();
        });
    }

    /** Takes back the tasks not sent yet, cancelling their futures, in submission order. */
    List<Entry<?>> drain() {
        CompletableFuture<List<Entry<?>>> taken = new CompletableFuture<>();
        try {
            loop.execute(() -> {
                List<Entry<?>> out = new ArrayList<>();
                for (List<Entry<?>> chunk : queue) {
                    for (Entry<?> e : chunk) {
                        if (e.future.cancel(false)) {
                            out.add(e);
                        }
                    }
                }
                queue.clear();
                taken.complete(out);
            });
        } catch (RejectedExecutionException e) {
            // terminated: nothing is left unsent
            return List.of();
        }
        return taken.join();
    }

    CountDownLatch terminated() {
        return terminated;
    }

    private void listen(int w) {
        Request<List<?>> r;
        try {
            r = comm.irecv(w, PoolWire.PULL);
        } catch (RuntimeException e) {
            // this rank can no longer receive (it finalized, or aborted): nothing it sent can come back
            post(() -> pulled(w, null, new ProcessFailedException(MPI.UNDEFINED,
                    "the task pool's root can no longer receive: " + e.getMessage())));
            return;
        }
        listening.put(w, r);
        r.toCompletableFuture().whenComplete((msg, ex) -> post(() -> pulled(w, msg, ex)));
    }

    private void pulled(int w, List<?> results, Throwable failure) {
        // a request's future may carry its failure wrapped
        Throwable ex = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        if (!running.containsKey(w) && !parked.contains(w)) {
            // stopped, or failed already
            return;
        }
        listening.remove(w);
        if (ex instanceof ProcessFailedException) {
            workerFailed(w, (ProcessFailedException) ex);
        } else {
            List<Entry<?>> chunk = running.containsKey(w) ? running.remove(w) : List.of();
            if (ex != null) {
                // the results could not be read here: the tasks fail, the worker goes on
                chunk.forEach(e -> done(e, w, null, ex));
            } else {
                PoolWire.deliver(results, chunk, w, this::done);
            }
            parked.add(w);
        }
        settle();
    }

    /** Feeds parked workers while there is work, stops them once shut down, and notices the end. */
    private void settle() {
        boolean again = true;
        while (again) {
            again = false;
            for (Integer w : List.copyOf(parked)) {
                List<Entry<?>> chunk = nextChunk();
                if (chunk != null) {
                    parked.remove(w);
                    // a chunk that did not go leaves work or a worker to look at again
                    again |= !send(w, chunk);
                } else if (shuttingDown) {
                    parked.remove(w);
                    stop(w);
                }
            }
        }
        if (running.isEmpty() && parked.isEmpty()) {
            ProcessFailedException none = new ProcessFailedException(MPI.UNDEFINED,
                    "no rank is left to run the task: the root of a task pool does not run tasks itself, so a pool"
                            + " needs two ranks or more");
            for (List<Entry<?>> chunk = nextChunk(); chunk != null; chunk = nextChunk()) {
                chunk.forEach(e -> done(e, MPI.UNDEFINED, null, none));
            }
            if (shuttingDown && terminated.getCount() > 0) {
                try {
                    comm.Free();
                } catch (RuntimeException e) {
                    // this rank finalized or aborted: its communicators are gone already
                } finally {
                    terminated.countDown();
                    loop.shutdown();
                }
            }
        }
    }

    /** The first chunk with a task not yet done (cancelled ones are dropped), or null. */
    private List<Entry<?>> nextChunk() {
        while (!queue.isEmpty()) {
            List<Entry<?>> chunk = new ArrayList<>(queue.poll());
            chunk.removeIf(e -> e.future.isDone());
            if (!chunk.isEmpty()) {
                return chunk;
            }
        }
        return null;
    }

    /** Sends chunk to w; false if it did not go (w failed, or a task could not be sent). */
    private boolean send(int w, List<Entry<?>> chunk) {
        chunk.forEach(Entry::sent);
        running.put(w, chunk);
        try {
            comm.send(PoolWire.work(chunk), w, PoolWire.WORK);
        } catch (ProcessFailedException e) {
            unlisten(w);
            workerFailed(w, e);
            return false;
        } catch (RuntimeException e) {
            // a task that cannot cross the wire fails, and the worker waits for the next
            running.remove(w);
            chunk.forEach(x -> done(x, w, null, e));
            parked.add(w);
            return false;
        }
        if (!listening.containsKey(w)) {
            listen(w);
        }
        return true;
    }

    private void unlisten(int w) {
        Request<?> pending = listening.remove(w);
        if (pending != null) {
            pending.cancel();
        }
    }

    private void stop(int w) {
        unlisten(w);
        try {
            comm.send(new ArrayList<>(), w, PoolWire.WORK);
        } catch (RuntimeException e) {
            // it failed while idle, or this rank's link is gone: nothing of it to run again
        }
    }

    private void workerFailed(int w, ProcessFailedException why) {
        parked.remove(w);
        List<Entry<?>> chunk = running.remove(w);
        List<Entry<?>> again = new ArrayList<>();
        for (Entry<?> e : chunk == null ? List.<Entry<?>>of() : chunk) {
            if (why.failedRank() == MPI.UNDEFINED) {
                // the root's own link is gone: no rank can run it any more
                done(e, w, null, why);
            } else if (e.runs < 2) {
                again.add(e);
            } else {
                done(e, w, null, new ProcessFailedException(why.failedRank(), "rank " + w + " failed while running the"
                        + " task" + (e.runs > 1 ? ", which had run once before on a rank that failed too" : "")
                        + ": " + why.getMessage()));
            }
        }
        if (!again.isEmpty()) {
            queue.addFirst(again);
        }
    }

    /** The task's end, once: its future completes, Flight Recorder and the listener hear of it. */
    private void done(Entry<?> e, int worker, Object value, Throwable failure) {
        boolean first = failure == null ? e.succeed(value) : e.fail(failure);
        if (first) {
            TaskEvent.end(e.event, worker, e.runs, failure != null);
            listener.taskDone(e.task, worker, e.runs, failure);
        }
    }
}
