package jmpi.runtime.serial;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jmpi.op.Operation;
import jmpi.op.Payload;

/**
 * Explains a refused class that is marked {@code @Payload} or {@code @Operation}: the user meant it to
 * cross the wire, so its registration is missing because its module was compiled without jmpi's
 * annotation processor. The message gives the pom.xml lines and the module-info line that fix it.
 */
final class MissingRegistration {
    /** How Fory names the class it refuses: {@code class demo.Point is not registered, please …}. */
    private static final Pattern REFUSED = Pattern.compile("^(?:class |interface |enum )?([\\p{L}\\p{N}_$.]+) is not"
            + " registered");

    private MissingRegistration() {
    }

    /** The explanation, if the class Fory's message names is one that jmpi's processor should have registered. */
    static Optional<String> explain(String foryMessage, Object sent, ClassLoader loader) {
        Matcher m = REFUSED.matcher(foryMessage == null ? "" : foryMessage);
        if (!m.find()) {
            return Optional.empty();
        }
        return find(m.group(1), sent, loader).filter(MissingRegistration::marked).map(MissingRegistration::message);
    }

    /**
     * jmpi's own words for a class that is on no list, whatever Fory's message says about registration
     * calls and security: what the class is and the two ways to let it cross.
     */
    static String notAllowed(String foryMessage, Object sent) {
        Matcher m = REFUSED.matcher(foryMessage == null ? "" : foryMessage);
        String name = m.find() ? m.group(1) : sent != null ? sent.getClass().getName() : "a class";
        return name + " may not cross the wire: jmpi sends only registered classes. Mark it @Payload (a record or"
                + " enum, compiled with jmpi's annotation processor) or list it in JMPI_SERIAL (comma-separated class"
                + " names) on every rank";
    }

    private static Optional<Class<?>> find(String name, Object sent, ClassLoader loader) {
        if (sent != null && sent.getClass().getName().equals(name)) {
            return Optional.of(sent.getClass());
        }
        // a class inside the object (a component, a list element): by name, from where the sent class came too
        for (ClassLoader l : new ClassLoader[] {loader, sent == null ? null : sent.getClass().getClassLoader()}) {
            try {
                return Optional.of(Class.forName(name, false, l));
            } catch (ClassNotFoundException | LinkageError e) {
                // try the next loader
            }
        }
        return Optional.empty();
    }

    private static boolean marked(Class<?> c) {
        return c.isAnnotationPresent(Payload.class) || c.isAnnotationPresent(Operation.class);
    }

    static String message(Class<?> c) {
        String annotation = c.isAnnotationPresent(Operation.class) ? "@Operation" : "@Payload";
        StringBuilder b = new StringBuilder();
        b.append(c.getName()).append(" is marked ").append(annotation).append(" but has no registration: its module was"
                + " compiled without the jmpi annotation processor (jmpi-processor), which generates it. Put the"
                + " processor on the annotation processor path, in pom.xml under maven-compiler-plugin's"
                + " <configuration>:\n")
                .append("    <annotationProcessorPaths>\n")
                .append("      <path>\n")
                .append("        <groupId>io.jmpi</groupId>\n")
                .append("        <artifactId>jmpi-processor</artifactId>\n")
                .append("        <version>").append(jmpiVersion()).append("</version>\n")
                .append("      </path>\n")
                .append("    </annotationProcessorPaths>\n");
        Module module = c.getModule();
        if (module.isNamed()) {
            b.append("and declare the registration it generates in module-info.java (the compiler prints the exact"
                    + " line when it is missing):\n")
                    .append("    provides jmpi.op.Registration with ").append(c.getPackageName())
                    .append(".JmpiRegistration_")
                    .append(module.getName().replace('.', '_')).append(';');
        } else {
            b.append("On the class path the processor also writes META-INF/services/jmpi.op.Registration, which is"
                    + " all the runtime needs.");
        }
        return b.toString();
    }

    /** The version of this runtime, which the processor should match. */
    static String jmpiVersion() {
        Module self = MissingRegistration.class.getModule();
        Optional<String> v = self.isNamed() ? self.getDescriptor().rawVersion() : Optional.empty();
        return v.or(() -> Optional.ofNullable(MissingRegistration.class.getPackage().getImplementationVersion()))
                .orElse("<!-- the version of jmpi-runtime -->");
    }
}
