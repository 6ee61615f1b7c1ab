package jmpi.exec;

import java.util.concurrent.Callable;

/**
 * A unit of work for a {@link TaskPool}: a record whose components are its input, marked
 * {@link jmpi.op.Payload @Payload} so that the annotation processor registers it. No code crosses
 * the wire, only the record's components: every rank runs the same program, so every rank has the
 * class and its {@link #call()}.
 *
 * <pre>{@code
 * @Payload
 * record Square(int x) implements Task<Integer> {
 *     public Integer call() {
 *         return x * x;
 *     }
 * }
 * }</pre>
 *
 * <p>The result must cross the wire too: a JDK value type, or a registered payload.
 *
 * @param <R> what the task returns
 */
public interface Task<R> extends Callable<R> {
}
