package jmpi.runtime.serial;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.op.Registration;
import jmpi.op.TypeRegistry;
import jmpi.op.WireCodec;

/** Collects the types of every generated {@link Registration} on the module path (or class path). */
final class Registrations {
    private Registrations() {
    }

    static List<ObjectSerializer.Generated<?>> load(ClassLoader loader) {
        List<ObjectSerializer.Generated<?>> out = new ArrayList<>();
        TypeRegistry registry = new TypeRegistry() {
            @Override
            public <T> void register(Class<T> type, String name, WireCodec<T> codec) {
                for (ObjectSerializer.Generated<?> g : out) {
                    if (g.name().equals(name) && g.type() != type) {
                        throw new MPIException(MPI.ERR_ARG, "two types registered as " + name + ": "
                                + g.type().getName() + " and " + type.getName());
                    }
                }
                out.add(new ObjectSerializer.Generated<>(type, name, codec));
            }
        };
        java.util.Set<Class<?>> seen = new java.util.HashSet<>();
        for (Registration r : ServiceLoader.load(Registration.class, loader)) {
            // the module path and a class path copy of the same registration count once
            if (seen.add(r.getClass())) {
                r.register(registry);
            }
        }
        // sorted by name: every rank registers in the same order whatever order the module path has
        out.sort(Comparator.comparing(ObjectSerializer.Generated::name));
        List<ObjectSerializer.Generated<?>> unique = new ArrayList<>();
        for (ObjectSerializer.Generated<?> g : out) {
            if (unique.isEmpty() || !unique.get(unique.size() - 1).name().equals(g.name())) {
                unique.add(g);
            }
        }
        return unique;
    }
}
