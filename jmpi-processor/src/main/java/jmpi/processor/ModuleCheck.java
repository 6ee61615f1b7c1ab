package jmpi.processor;

import com.palantir.javapoet.ClassName;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.util.ElementFilter;

/**
 * Checks, once the registration exists, that a named module hands it to the runtime. On the module path
 * {@link java.util.ServiceLoader} finds a registration only through a {@code provides} line, and a missing one
 * would fail only at run time, on the first message of a type, on every rank; so its absence is a compile
 * error that prints the line to add. The module needs no {@code opens}: the generated codecs use no
 * reflection.
 */
final class ModuleCheck {
    private final ErrorReporter reporter;

    ModuleCheck(ErrorReporter reporter) {
        this.reporter = reporter;
    }

    /**
     * Checks module for the directives its registration needs. Call it only after the registration was generated:
     * reading the directives resolves the classes they name.
     */
    void check(ModuleElement module, ClassName registration) {
        if (module == null || module.isUnnamed()) {
            return;
        }
        if (!reads(module, ClassNames.API_MODULE)) {
            reporter.error(module, ErrorReporter.MISSING_REQUIRES, "module %s does not read module %s, whose"
                    + " types the generated code uses: add this line to module-info.java:%nrequires %s;",
                    module.getQualifiedName(), ClassNames.API_MODULE, ClassNames.API_MODULE);
        }
        if (!provides(module, registration.canonicalName())) {
            reporter.error(module, ErrorReporter.MISSING_PROVIDES, "module %s does not provide its generated"
                    + " registration, so no rank would accept its types on the wire: add this line to"
                    + " module-info.java:%nprovides %s with %s;", module.getQualifiedName(), ClassNames.REGISTRATION,
                    registration.canonicalName());
        }
    }

    private static boolean provides(ModuleElement module, String implementation) {
        for (ModuleElement.ProvidesDirective p : ElementFilter.providesIn(module.getDirectives())) {
            if (p.getService().getQualifiedName().contentEquals(ClassNames.REGISTRATION)
                    && p.getImplementations().stream()
                            .anyMatch(i -> i.getQualifiedName().contentEquals(implementation))) {
                return true;
            }
        }
        return false;
    }

    /** Whether module reads target: it requires it, or requires a module that passes it on with requires transitive. */
    private static boolean reads(ModuleElement module, String target) {
        Deque<ModuleElement> todo = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        for (ModuleElement.RequiresDirective r : ElementFilter.requiresIn(module.getDirectives())) {
            todo.add(r.getDependency());
        }
        while (!todo.isEmpty()) {
            ModuleElement m = todo.removeFirst();
            if (m.getQualifiedName().contentEquals(target)) {
                return true;
            }
            if (!seen.add(m.getQualifiedName().toString())) {
                continue;
            }
            for (ModuleElement.RequiresDirective r : ElementFilter.requiresIn(m.getDirectives())) {
                if (r.isTransitive()) {
                    todo.add(r.getDependency());
                }
            }
        }
        return false;
    }
}
