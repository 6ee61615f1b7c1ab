package jmpi.op;

import java.util.Map;
import java.util.Set;

/**
 * What a custom operation does with the data of its source ranks.
 *
 * <p>{@link #apply} runs on the coordinator, once, when every source rank's data has arrived; the
 * map it returns says what each destination rank receives. An exception it throws reaches every
 * destination as a {@link jmpi.RemoteException}. By convention the record also has a
 * {@code group(...)} method that returns its {@link CommunicationGroup}.
 *
 * @param <T> what each source rank contributes
 * @param <R> what each destination rank receives
 */
public interface OperationContext<T, R> {
    /**
     * Computes every destination's result from every source's data (keys are ranks).
     *
     * @param src each source rank's data
     * @param dst the destination ranks
     * @return each destination's result; a destination without one gets {@code null}
     */
    Map<Integer, R> apply(Map<Integer, T> src, Set<Integer> dst);
}
