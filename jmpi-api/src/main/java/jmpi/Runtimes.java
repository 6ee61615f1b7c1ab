package jmpi;

import java.util.ServiceLoader;
import jmpi.spi.RuntimeProvider;

/** Finds the runtime on the module path (or class path). */
final class Runtimes {
    private static volatile RuntimeProvider provider;

    private Runtimes() {
    }

    static RuntimeProvider provider() {
        RuntimeProvider p = provider;
        if (p == null) {
            synchronized (Runtimes.class) {
                p = provider;
                if (p == null) {
                    p = ServiceLoader.load(RuntimeProvider.class, Runtimes.class.getClassLoader()).findFirst()
                            .or(() -> ServiceLoader.load(RuntimeProvider.class).findFirst())
                            .orElseThrow(() -> new MPIException(MPI.ERR_OTHER,
                                    "no jmpi runtime found: put jmpi-runtime on the module path (or class path)"));
                    provider = p;
                }
            }
        }
        return p;
    }
}
