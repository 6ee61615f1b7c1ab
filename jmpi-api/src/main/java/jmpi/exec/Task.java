package jmpi.exec;

import java.util.concurrent.Callable;

/**
 * A unit of work for a {@link TaskPool}: a record whose components are its input, marked
 * {@link jmpi.op.Payload @Payload} so that the annotation processor registers it. No code crosses
 * the wire, only the record's components: every rank runs the same program, so every rank has the
 * class and its {@link #call()}.
 *
 * {@snippet class=jmpi.exec.TaskPoolSnippets region=task}
 *
 * <p>The result must cross the wire too: a JDK value type, or a registered payload.
 *
 * @param <R> what the task returns
 */
public interface Task<R> extends Callable<R> {
}
