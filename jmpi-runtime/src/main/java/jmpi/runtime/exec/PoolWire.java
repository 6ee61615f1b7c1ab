package jmpi.runtime.exec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jmpi.RemoteException;

/**
 * The pool's messages, on a communicator of its own and made of JDK types only. A worker's pull is a
 * list of results, {@code [id, ok, value or failure]} for each task it ran (empty for its first
 * pull); the root's answer is a list of tasks, {@code [id, task]} for each, and an empty one says
 * the pool is closed.
 */
final class PoolWire {
    /** A worker to the root: results, and a request for more work. */
    static final int PULL = 1;
    /** The root to a worker: tasks, or none to stop. */
    static final int WORK = 2;

    private PoolWire() {
    }

    static ArrayList<Object> work(List<Entry<?>> chunk) {
        ArrayList<Object> out = new ArrayList<>(2 * chunk.size());
        for (Entry<?> e : chunk) {
            out.add(e.id);
            out.add(e.task);
        }
        return out;
    }

    static void addSuccess(List<Object> results, long id, Object value) {
        results.add(id);
        results.add(Boolean.TRUE);
        results.add(value);
    }

    /** A failure as three strings (class, message, stack trace): the exception's class need not be registered. */
    static void addFailure(List<Object> results, long id, Throwable t) {
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        results.add(id);
        results.add(Boolean.FALSE);
        results.add(new ArrayList<>(List.of(t.getClass().getName(), String.valueOf(t.getMessage()),
                trace.toString())));
    }

    /** The exception a failure of addFailure stands for on the root. */
    static RemoteException failure(Object payload) {
        List<?> f = (List<?>) payload;
        return new RemoteException((String) f.get(0), (String) f.get(1), (String) f.get(2));
    }

    /** Where a task's end goes: its value, or its failure when not null. */
    interface Outcome {
        void done(Entry<?> e, int worker, Object value, Throwable failure);
    }

    /** Reads a worker's pull: each result goes to its task of the chunk the worker held. */
    static void deliver(List<?> results, List<Entry<?>> chunk, int worker, Outcome outcome) {
        Map<Long, Entry<?>> byId = new HashMap<>();
        for (Entry<?> e : chunk) {
            byId.put(e.id, e);
        }
        for (int i = 0; i + 2 < results.size(); i += 3) {
            Entry<?> e = byId.get((Long) results.get(i));
            if (e == null) {
                continue;
            }
            if (Boolean.TRUE.equals(results.get(i + 1))) {
                outcome.done(e, worker, results.get(i + 2), null);
            } else {
                outcome.done(e, worker, null, PoolWire.failure(results.get(i + 2)));
            }
        }
    }
}
