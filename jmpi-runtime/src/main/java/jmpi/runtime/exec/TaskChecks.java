package jmpi.runtime.exec;

import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import jmpi.exec.Task;
import jmpi.op.Payload;
import jmpi.op.Registration;
import jmpi.op.TypeRegistry;
import jmpi.op.WireCodec;

/**
 * Refuses, where it is submitted, a task that cannot cross the wire: code never does, so a task is a
 * record of a registered payload type whose class every rank has.
 */
final class TaskChecks {
    /** The registered types, per class loader of the submitted tasks. */
    private static final Map<ClassLoader, Set<Class<?>>> REGISTERED = new ConcurrentHashMap<>();

    private TaskChecks() {
    }

    /** c as a task, or IllegalArgumentException saying what it must be instead. */
    static <T> Task<T> task(Callable<T> c) {
        if (c == null) {
            throw new NullPointerException("task == null");
        }
        Class<?> type = c.getClass();
        if (!(c instanceof Task) || !type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " cannot run on another rank: code does not cross"
                    + " the wire, so a task is a record implementing jmpi.exec.Task, marked @jmpi.op.Payload"
                    + " (every rank has its class; only its components are sent)");
        }
        if (!type.isAnnotationPresent(Payload.class)) {
            throw new IllegalArgumentException(type.getName() + " is a task record but not marked @jmpi.op.Payload:"
                    + " mark it, so that jmpi's annotation processor registers it to cross the wire");
        }
        if (!registered(type.getClassLoader()).contains(type)) {
            throw new IllegalArgumentException(type.getName() + " is marked @Payload but has no registration: its"
                    + " module was compiled without jmpi's annotation processor (jmpi-processor); put it on the"
                    + " annotation processor path (a send of the record prints the exact pom.xml and module-info"
                    + " lines)");
        }
        @SuppressWarnings("unchecked")
        Task<T> task = (Task<T>) c;
        return task;
    }

    private static Set<Class<?>> registered(ClassLoader loader) {
        ClassLoader key = loader == null ? ClassLoader.getSystemClassLoader() : loader;
        return REGISTERED.computeIfAbsent(key, l -> {
            Set<Class<?>> types = new HashSet<>();
            TypeRegistry collect = new TypeRegistry() {
                @Override
                public <T> void register(Class<T> type, String name, WireCodec<T> codec) {
                    types.add(type);
                }
            };
            for (Registration r : ServiceLoader.load(Registration.class, l)) {
                r.register(collect);
            }
            return Collections.unmodifiableSet(types);
        });
    }
}
