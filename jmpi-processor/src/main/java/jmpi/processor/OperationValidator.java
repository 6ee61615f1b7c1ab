package jmpi.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Turns an annotated type into an {@link OperationModel}, or reports every reason it cannot cross the wire.
 * The generators only ever see models that passed here.
 */
final class OperationValidator {
    private static final String[] CONTEXT_ARGUMENTS = {"T", "R"};

    private final Elements elements;
    private final Types types;
    private final ErrorReporter reporter;
    private final AllowList allowList;

    OperationValidator(Elements elements, Types types, ErrorReporter reporter, AllowList allowList) {
        this.elements = elements;
        this.types = types;
        this.reporter = reporter;
        this.allowList = allowList;
    }

    /**
     * The outcome for one annotated type.
     *
     * @param model the valid model, or null when errors were reported or the type was deferred
     * @param enums unmarked enums the type uses, which need codecs from this compilation
     * @param deferred whether a type it uses does not exist yet, so a later round should try again
     */
    record Result(OperationModel model, Set<TypeElement> enums, boolean deferred) {
        static final Result INVALID = new Result(null, Set.of(), false);
        static final Result DEFERRED = new Result(null, Set.of(), true);
    }

    /** A type checked against the allow-list, with the element and words an error about it would use. */
    private record Check(Element element, String subject, TypeMirror type, AllowList.Problem problem) {
    }

    Result validate(TypeElement type) {
        boolean operation = annotation(type, ClassNames.OPERATION).isPresent();
        AnnotationMirror mirror = annotation(type, operation ? ClassNames.OPERATION : ClassNames.PAYLOAD).orElseThrow();
        if (!isValidKind(type, operation, mirror)) {
            return Result.INVALID;
        }
        // everything the wire carries is checked first; an unresolved type defers the whole record silently,
        // so a later round does not report the same errors twice
        Set<TypeElement> enums = new LinkedHashSet<>();
        List<Check> checks = new ArrayList<>();
        DeclaredType context = operation ? findSupertype(type.asType(), ClassNames.OPERATION_CONTEXT) : null;
        if (context != null) {
            List<? extends TypeMirror> arguments = context.getTypeArguments();
            for (int i = 0; i < arguments.size(); i++) {
                String subject = "OperationContext type argument " + CONTEXT_ARGUMENTS[i];
                checks.add(check(type, subject, arguments.get(i), enums));
            }
        }
        for (RecordComponentElement component : type.getRecordComponents()) {
            checks.add(check(positioned(type, component), "component '" + component.getSimpleName() + "'",
                    component.asType(), enums));
        }
        if (checks.stream().anyMatch(c -> c.problem() != null && c.problem().unresolved())) {
            return Result.DEFERRED;
        }

        int errors = reporter.errorCount();
        checkAccessible(type, type, mirror);
        if (!type.getTypeParameters().isEmpty()) {
            String parameters = type.getTypeParameters().stream().map(p -> p.getSimpleName().toString())
                    .collect(Collectors.joining(", ", "<", ">"));
            reporter.error(type, ErrorReporter.GENERIC, "%s %s has type parameters %s: the codec needs the exact"
                    + " type of every component; remove them and use concrete types", kindName(type),
                    type.getSimpleName(), parameters);
        }
        if (operation) {
            checkContext(type, context);
            checkApply(type);
            checkGroup(type);
        }
        for (Check c : checks) {
            if (c.problem() != null) {
                reporter.error(c.element(), ErrorReporter.DISALLOWED, "%s", c.problem().message(c.subject(), c.type()));
            }
        }
        for (TypeElement e : enums) {
            checkAccessible(e, type, null);
        }
        if (reporter.errorCount() > errors) {
            return Result.INVALID;
        }
        return new Result(model(type, operation), enums, false);
    }

    /** A codec model for an unmarked enum that type uses; its codec goes where type's generated code can see it. */
    OperationModel enumModel(TypeElement e, TypeElement user) {
        String pkg = packageOf(e);
        String userPkg = packageOf(user);
        String simple = pkg.equals(userPkg)
                ? serializerName(e)
                : "JmpiSerializer_" + elements.getBinaryName(e).toString().replace('.', '_').replace('$', '_');
        return new OperationModel(OperationModel.Kind.ENUM, ClassName.get(e), elements.getBinaryName(e).toString(),
                ClassName.get(userPkg, simple), isEffectivelyPublic(e), moduleName(user), List.of(), constants(e),
                user);
    }

    private boolean isValidKind(TypeElement type, boolean operation, AnnotationMirror mirror) {
        ElementKind kind = type.getKind();
        if (operation && kind == ElementKind.ENUM) {
            reporter.error(type, mirror, ErrorReporter.NOT_A_RECORD, "@Operation is for records, and %s is an enum:"
                    + " make it a record that implements jmpi.op.OperationContext<T, R>, or mark the enum"
                    + " @jmpi.op.Payload to send it as data", type.getSimpleName());
            return false;
        }
        if (operation && kind != ElementKind.RECORD) {
            reporter.error(type, mirror, ErrorReporter.NOT_A_RECORD, "@Operation is for records, and %s is %s %s:"
                    + " declare it as 'record %s(...) implements OperationContext<T, R>'", type.getSimpleName(),
                    article(kind), kindName(type), type.getSimpleName());
            return false;
        }
        if (!operation && kind != ElementKind.RECORD && kind != ElementKind.ENUM) {
            reporter.error(type, mirror, ErrorReporter.NOT_A_RECORD, "@Payload is for records and enums, and %s is"
                    + " %s %s: declare it as 'record %s(...)' with allowed components", type.getSimpleName(),
                    article(kind), kindName(type), type.getSimpleName());
            return false;
        }
        return true;
    }

    /** The generated codec lives in the type's package, so the type must be visible there. */
    private void checkAccessible(TypeElement type, Element at, AnnotationMirror mirror) {
        for (Element e = type; e.getKind().isClass() || e.getKind().isInterface(); e = e.getEnclosingElement()) {
            TypeElement t = (TypeElement) e;
            if (t.getNestingKind() == NestingKind.LOCAL || t.getNestingKind() == NestingKind.ANONYMOUS) {
                reporter.error(at, mirror, ErrorReporter.NOT_ACCESSIBLE, "%s is declared inside a method, where the"
                        + " generated codec cannot name it: move %s to the top level or into a class",
                        t.getSimpleName(), type.getSimpleName());
                return;
            }
            if (t.getModifiers().contains(Modifier.PRIVATE)) {
                reporter.error(at, mirror, ErrorReporter.NOT_ACCESSIBLE, "%s is private, so the generated codec in"
                        + " package %s cannot name %s: make it package-private or public", t.getSimpleName(),
                        packageOf(type), AllowList.nestedName(type));
                return;
            }
        }
    }

    private void checkContext(TypeElement type, DeclaredType context) {
        if (context == null) {
            reporter.error(type, ErrorReporter.NOT_A_CONTEXT, "record %s is marked @Operation but does not implement"
                    + " jmpi.op.OperationContext: add 'implements OperationContext<T, R>', with T what each source"
                    + " rank sends and R what each destination rank receives", type.getSimpleName());
        } else if (context.getTypeArguments().isEmpty()) {
            reporter.error(type, ErrorReporter.DISALLOWED, "record %s implements the raw type OperationContext, so"
                    + " what crosses the wire is unknown: give its type arguments, e.g."
                    + " OperationContext<Integer, Integer>", type.getSimpleName());
        }
    }

    private void checkApply(TypeElement type) {
        boolean found = methods(type, "apply").stream()
                .anyMatch(m -> m.getParameters().size() == 2 && !m.getModifiers().contains(Modifier.ABSTRACT));
        if (!found) {
            reporter.error(type, ErrorReporter.MISSING_APPLY, "record %s has no apply method: add 'public"
                    + " Map<Integer, R> apply(Map<Integer, T> src, Set<Integer> dst)', which the coordinator calls"
                    + " with every source rank's data", type.getSimpleName());
        }
    }

    private void checkGroup(TypeElement type) {
        List<ExecutableElement> groups = methods(type, "group");
        if (groups.stream().anyMatch(m -> isType(m.getReturnType(), ClassNames.COMMUNICATION_GROUP))) {
            return;
        }
        if (groups.isEmpty()) {
            reporter.error(type, ErrorReporter.MISSING_GROUP, "record %s has no group method: add"
                    + " 'CommunicationGroup group(...)' that returns the ranks the operation involves (its parameters"
                    + " are your choice)", type.getSimpleName());
        } else {
            reporter.error(type, ErrorReporter.MISSING_GROUP, "method group of record %s returns %s, not"
                    + " jmpi.op.CommunicationGroup: make it return the CommunicationGroup of the ranks involved",
                    type.getSimpleName(), AllowList.describe(groups.get(0).getReturnType()));
        }
    }

    /**
     * Where to report a problem of component. javac 17 cannot place a diagnostic on a RecordComponentElement
     * (it prints it without a line); the private field javac makes for the component sits at the component's
     * place in the record header, so errors go there.
     */
    private static Element positioned(TypeElement type, RecordComponentElement component) {
        for (Element field : ElementFilter.fieldsIn(type.getEnclosedElements())) {
            if (field.getSimpleName().contentEquals(component.getSimpleName())) {
                return field;
            }
        }
        return component;
    }

    private Check check(Element element, String subject, TypeMirror type, Set<TypeElement> enums) {
        return new Check(element, subject, type, allowList.check(type, enums).orElse(null));
    }

    private OperationModel model(TypeElement type, boolean operation) {
        List<OperationModel.Component> components = new ArrayList<>();
        for (RecordComponentElement c : type.getRecordComponents()) {
            TypeMirror t = c.asType();
            components.add(new OperationModel.Component(c.getSimpleName().toString(), TypeName.get(t), wire(t),
                    t.getKind() == TypeKind.DECLARED && !((DeclaredType) t).getTypeArguments().isEmpty()));
        }
        OperationModel.Kind kind = operation ? OperationModel.Kind.OPERATION
                : type.getKind() == ElementKind.ENUM ? OperationModel.Kind.ENUM : OperationModel.Kind.PAYLOAD;
        return new OperationModel(kind, ClassName.get(type), elements.getBinaryName(type).toString(),
                ClassName.get(packageOf(type), serializerName(type)), isEffectivelyPublic(type), moduleName(type),
                components, constants(type), type);
    }

    private static OperationModel.Wire wire(TypeMirror t) {
        return switch (t.getKind()) {
            case BOOLEAN -> OperationModel.Wire.BOOLEAN;
            case BYTE -> OperationModel.Wire.BYTE;
            case SHORT -> OperationModel.Wire.SHORT;
            case CHAR -> OperationModel.Wire.CHAR;
            case INT -> OperationModel.Wire.INT;
            case LONG -> OperationModel.Wire.LONG;
            case FLOAT -> OperationModel.Wire.FLOAT;
            case DOUBLE -> OperationModel.Wire.DOUBLE;
            default -> isType(t, "java.lang.String") ? OperationModel.Wire.STRING : OperationModel.Wire.OBJECT;
        };
    }

    private static List<String> constants(TypeElement type) {
        List<String> constants = new ArrayList<>();
        for (Element e : type.getEnclosedElements()) {
            if (e.getKind() == ElementKind.ENUM_CONSTANT) {
                constants.add(e.getSimpleName().toString());
            }
        }
        return constants;
    }

    /** JmpiSerializer_Outer_Inner for a nested type: unique within the package. */
    private static String serializerName(TypeElement type) {
        return "JmpiSerializer_" + AllowList.nestedName(type).replace('.', '_');
    }

    private String packageOf(Element e) {
        return elements.getPackageOf(e).getQualifiedName().toString();
    }

    private String moduleName(Element e) {
        ModuleElement m = elements.getModuleOf(e);
        return m == null || m.isUnnamed() ? "" : m.getQualifiedName().toString();
    }

    private static boolean isEffectivelyPublic(TypeElement type) {
        for (Element e = type; e.getKind().isClass() || e.getKind().isInterface(); e = e.getEnclosingElement()) {
            if (!e.getModifiers().contains(Modifier.PUBLIC)) {
                return false;
            }
        }
        return true;
    }

    private List<ExecutableElement> methods(TypeElement type, String name) {
        List<ExecutableElement> found = new ArrayList<>();
        for (ExecutableElement m : ElementFilter.methodsIn(elements.getAllMembers(type))) {
            if (m.getSimpleName().contentEquals(name)) {
                found.add(m);
            }
        }
        return found;
    }

    /** The supertype of t (t itself included) whose class is named qualifiedName, with its type arguments. */
    private DeclaredType findSupertype(TypeMirror t, String qualifiedName) {
        Deque<TypeMirror> todo = new ArrayDeque<>(List.of(t));
        Set<String> seen = new LinkedHashSet<>();
        while (!todo.isEmpty()) {
            TypeMirror next = todo.removeFirst();
            if (next.getKind() != TypeKind.DECLARED || !seen.add(next.toString())) {
                continue;
            }
            if (isType(next, qualifiedName)) {
                return (DeclaredType) next;
            }
            todo.addAll(types.directSupertypes(next));
        }
        return null;
    }

    private static boolean isType(TypeMirror t, String qualifiedName) {
        return t.getKind() == TypeKind.DECLARED
                && ((TypeElement) ((DeclaredType) t).asElement()).getQualifiedName().contentEquals(qualifiedName);
    }

    private static Optional<? extends AnnotationMirror> annotation(Element e, String qualifiedName) {
        return e.getAnnotationMirrors().stream()
                .filter(a -> isType(a.getAnnotationType(), qualifiedName))
                .findFirst();
    }

    private static String kindName(TypeElement type) {
        return switch (type.getKind()) {
            case ANNOTATION_TYPE -> "annotation type";
            case RECORD -> "record";
            case ENUM -> "enum";
            case INTERFACE -> "interface";
            default -> "class";
        };
    }

    private static String article(ElementKind kind) {
        return kind == ElementKind.ENUM || kind == ElementKind.INTERFACE || kind == ElementKind.ANNOTATION_TYPE
                ? "an" : "a";
    }
}
