package jmpi.exec;

/**
 * Told on the root of a {@link TaskPool} as each task ends: one call per task, on the pool's own
 * thread (a listener that blocks holds up scheduling). Flight Recorder also records a
 * {@code jmpi.Task} event per task.
 */
@FunctionalInterface
public interface TaskListener {
    /**
     * A task ended: worker is the rank that ran it last, runs is how many times it was sent (2 when its
     * first worker died), failure is null when it returned a value.
     *
     * @param task    the task
     * @param worker  the rank that ran it last
     * @param runs    how many times it was sent
     * @param failure what it threw, or null
     */
    void taskDone(Task<?> task, int worker, int runs, Throwable failure);
}
