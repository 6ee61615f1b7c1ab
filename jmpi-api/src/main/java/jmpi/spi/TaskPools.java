package jmpi.spi;

import jmpi.Comm;
import jmpi.exec.TaskListener;
import jmpi.exec.TaskPool;

/** What the runtime module provides for {@link TaskPool#open}, through {@link java.util.ServiceLoader}. */
public interface TaskPools {
    /**
     * Opens a pool on comm (collective); on ranks other than root, serves tasks until the root closes it.
     *
     * @param comm the ranks of the pool
     * @param root the rank that submits tasks
     * @param listener told of each task as it ends, on the root
     * @return the pool
     */
    TaskPool open(Comm comm, int root, TaskListener listener);
}
