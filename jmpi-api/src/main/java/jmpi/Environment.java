package jmpi;

import java.lang.module.ModuleDescriptor;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** What {@link MPI} tells of the environment: the host's name and the library's version. */
final class Environment {
    private Environment() {
    }

    /** The host's name as the system knows it; its address when it has no name. */
    static String processorName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String env = System.getenv("HOSTNAME");
            return env != null && !env.isEmpty() ? env : "localhost";
        }
    }

    /** jmpi's version (from its module or jar, when the build recorded one) and the Java it runs on. */
    static String libraryVersion() {
        String version = MPI.class.getModule().getDescriptor() == null ? null
                : MPI.class.getModule().getDescriptor().version().map(ModuleDescriptor.Version::toString).orElse(null);
        if (version == null) {
            version = MPI.class.getPackage().getImplementationVersion();
        }
        return "jmpi " + (version != null ? version : "(version not recorded)") + ", MPI " + 4 + "." + 0
                + " semantics, on Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")";
    }
}
