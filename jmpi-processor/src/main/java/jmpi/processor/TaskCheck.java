package jmpi.processor;

import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * A task of a task pool crosses the wire as data, so it must be a record marked {@code @Payload}: a
 * class of the compiled code that implements {@code jmpi.exec.Task} and is not one is a compile error
 * here, rather than a task that fails when submitted. (A lambda or anonymous class is caught when it
 * is submitted: the processor never sees it.)
 */
final class TaskCheck {
    static final String TASK = "jmpi.exec.Task";

    private final Elements elements;
    private final Types types;
    private final ErrorReporter reporter;

    TaskCheck(Elements elements, Types types, ErrorReporter reporter) {
        this.elements = elements;
        this.types = types;
        this.reporter = reporter;
    }

    /** Checks every class declared in roots, nested ones too. */
    void check(Set<? extends Element> roots) {
        TypeElement task = elements.getTypeElement(TASK);
        if (task == null) {
            return; // the jmpi API is not on the compile path: there are no tasks
        }
        TypeMirror erased = types.erasure(task.asType());
        for (TypeElement type : ElementFilter.typesIn(roots)) {
            check(type, erased);
        }
    }

    private void check(TypeElement type, TypeMirror task) {
        for (TypeElement nested : ElementFilter.typesIn(type.getEnclosedElements())) {
            check(nested, task);
        }
        ElementKind kind = type.getKind();
        if (kind == ElementKind.INTERFACE || type.getModifiers().contains(Modifier.ABSTRACT)
                || !types.isAssignable(types.erasure(type.asType()), task)) {
            return;
        }
        if (kind != ElementKind.RECORD) {
            reporter.error(type, ErrorReporter.NOT_A_RECORD, "%s implements jmpi.exec.Task but is %s %s: code does"
                    + " not cross the wire, so a task is a record whose components are its input; declare it as"
                    + " '@Payload record %s(...) implements Task<R>'", type.getSimpleName(),
                    kind == ElementKind.ENUM ? "an" : "a", kind == ElementKind.ENUM ? "enum" : "class",
                    type.getSimpleName());
        } else if (type.getAnnotationMirrors().stream().noneMatch(a -> ((TypeElement) a.getAnnotationType()
                .asElement()).getQualifiedName().contentEquals(ClassNames.PAYLOAD))) {
            reporter.error(type, ErrorReporter.UNREGISTERED_TASK, "record %s implements jmpi.exec.Task but is not"
                    + " marked @jmpi.op.Payload: mark it, so that it is registered to cross the wire to the"
                    + " rank that runs it", type.getSimpleName());
        }
    }
}
