package jmpi.op;

/**
 * The types one module lets cross the wire. The annotation processor generates one per module (in
 * sorted order, so every build and every rank agrees); every rank loads all of them at start-up
 * through {@link java.util.ServiceLoader}. A modular program declares it in {@code module-info.java}:
 * {@code provides jmpi.op.Registration with my.pkg.JmpiRegistration_my_module;}.
 */
public interface Registration {
    /**
     * Registers this module's types.
     *
     * @param registry where to put them
     */
    void register(TypeRegistry registry);
}
