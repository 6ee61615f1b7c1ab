package jmpi.shared;

import jmpi.Op;

/**
 * A map shared by the ranks of a communicator, held by the coordinator. Keys and values cross the
 * wire as every jmpi object does: only registered classes (JDK value types, {@code @Payload}
 * records, {@code JMPI_SERIAL} names). Two keys are the same key when their serialized forms are
 * equal, which for strings, boxed numbers and records of them is {@code equals}. A {@code null} key
 * or value is refused.
 *
 * @param <K> the type of the keys
 * @param <V> the type of the values
 */
public interface SharedMap<K, V> {
    /**
     * The map's name in its communicator.
     *
     * @return the name given to {@link jmpi.Comm#map(String)}
     */
    String name();

    /**
     * The value of key.
     *
     * @param key the key
     * @return its value, or null if it has none
     */
    V get(K key);

    /**
     * Sets the value of key.
     *
     * @param key   the key
     * @param value its new value
     * @return its value before, or null if it had none
     */
    V put(K key, V value);

    /**
     * Combines value into key's value with op, atomically: the new value is {@code op} applied to the
     * old value and value (in that order), or value itself if key had none. Every built-in reduce
     * operation works, on the types it takes ({@link Op#SUM} on numbers, {@link Op#MAX} on comparable
     * values, {@link Op#REPLACE} to overwrite…); a user operation made by {@code Op.create} runs on the
     * ranks only, and fails with {@code ERR_OP}.
     *
     * @param key   the key
     * @param value the value to combine
     * @param op    a built-in reduce operation
     * @return the value after the merge
     */
    V merge(K key, V value, Op op);

    /**
     * Removes key.
     *
     * @param key the key
     * @return its value before, or null if it had none
     */
    V remove(K key);

    /**
     * The number of keys.
     *
     * @return how many keys have a value
     */
    int size();
}
