package jmpi.runtime.exec;

import java.util.ArrayList;
import java.util.List;
import jmpi.Comm;
import jmpi.MPIException;
import jmpi.ProcessFailedException;
import jmpi.exec.Task;

/** A rank other than the root: asks for work, runs it, sends the results with its next request. */
final class Worker {
    private final Comm comm;
    private final int root;

    Worker(Comm comm, int root) {
        this.comm = comm;
        this.root = root;
    }

    /** Serves until the root says the pool is closed; a failed root fails it with ProcessFailedException. */
    void serve() {
        List<Object> results = new ArrayList<>();
        while (true) {
            send(results);
            List<?> work = comm.recv(root, PoolWire.WORK);
            if (work.isEmpty()) {
                return;
            }
            results = run(work);
        }
    }

    private static List<Object> run(List<?> work) {
        List<Object> results = new ArrayList<>(work.size() / 2 * 3);
        for (int i = 0; i < work.size(); i += 2) {
            long id = (Long) work.get(i);
            Task<?> task = (Task<?>) work.get(i + 1);
            try {
                PoolWire.addSuccess(results, id, task.call());
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                PoolWire.addFailure(results, id, e);
            }
        }
        return results;
    }

    /**
     * Sends results; a result that cannot cross the wire (its class is not registered) fails the tasks
     * of this message instead of the rank, and the pool goes on.
     */
    private void send(List<Object> results) {
        try {
            comm.send(results, root, PoolWire.PULL);
        } catch (ProcessFailedException e) {
            throw e;
        } catch (MPIException e) {
            List<Object> failed = new ArrayList<>(results.size());
            for (int i = 0; i < results.size(); i += 3) {
                if (Boolean.TRUE.equals(results.get(i + 1))) {
                    PoolWire.addFailure(failed, (Long) results.get(i), e);
                } else {
                    failed.addAll(results.subList(i, i + 3));
                }
            }
            comm.send(failed, root, PoolWire.PULL);
        }
    }
}
