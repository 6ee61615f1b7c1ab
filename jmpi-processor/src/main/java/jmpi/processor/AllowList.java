package jmpi.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ErrorType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.NoType;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.UnionType;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.SimpleTypeVisitor14;
import javax.lang.model.util.Types;

/**
 * Decides whether a type may cross the wire. It visits a component type and, through type arguments,
 * every type inside it; the first type that is not allowed comes back as a {@link Problem} whose reason
 * says how to fix it. Enums found on the way that nobody else registers are collected, so the caller can
 * generate their codecs.
 */
final class AllowList extends SimpleTypeVisitor14<AllowList.Problem, Set<TypeElement>> {
    private static final Set<String> VALUE_TYPES = Set.of(
            "java.lang.Boolean", "java.lang.Byte", "java.lang.Short", "java.lang.Character",
            "java.lang.Integer", "java.lang.Long", "java.lang.Float", "java.lang.Double",
            "java.lang.String", "java.math.BigInteger", "java.math.BigDecimal",
            ClassNames.OP, ClassNames.COMMUNICATION_GROUP);

    /** Generic types allowed when every type argument is, with an example of a complete one. */
    private static final Map<String, String> CONTAINERS = Map.of(
            "java.util.List", "List<String>",
            "java.util.Set", "Set<String>",
            "java.util.Map", "Map<String, Integer>",
            "java.util.Optional", "Optional<String>",
            ClassNames.LOC, "Loc<Integer>");

    private static final String CODE = "code cannot cross the wire; use an enum of the operations";

    private final Elements elements;
    private final Types types;
    private final Set<String> serialNames;

    AllowList(Elements elements, Types types, Set<String> serialNames) {
        this.elements = elements;
        this.types = types;
        this.serialNames = Set.copyOf(serialNames);
    }

    /**
     * Why a type may not cross the wire.
     *
     * @param type the innermost type at fault
     * @param what what that type is, as a noun phrase ("a Function", "the raw type List")
     * @param fix how to fix it
     * @param unresolved whether the type does not exist yet (a later round may generate it)
     */
    record Problem(TypeMirror type, String what, String fix, boolean unresolved) {
        /** The message for a checked thing ("component 'fn'") whose type is checked. */
        String message(String subject, TypeMirror checked) {
            if (type == checked) {
                return subject + " is " + what + ": " + fix;
            }
            return subject + " has type " + describe(checked) + ", which contains " + what + ": " + fix;
        }
    }

    /** Checks type; enums that need a codec from this compilation are added to enums. */
    Optional<Problem> check(TypeMirror type, Set<TypeElement> enums) {
        return Optional.ofNullable(type.accept(this, enums));
    }

    @Override
    public Problem visitPrimitive(PrimitiveType t, Set<TypeElement> enums) {
        return null;
    }

    @Override
    public Problem visitArray(ArrayType t, Set<TypeElement> enums) {
        TypeMirror component = t.getComponentType();
        if (component.getKind().isPrimitive()) {
            return null;
        }
        return new Problem(t, "an array of objects (" + describe(t) + ")",
                "only arrays of primitives cross the wire; use List<" + describe(component) + ">", false);
    }

    @Override
    public Problem visitError(ErrorType t, Set<TypeElement> enums) {
        return new Problem(t, t + ", which cannot be found", "check its name and imports", true);
    }

    @Override
    public Problem visitDeclared(DeclaredType t, Set<TypeElement> enums) {
        TypeElement e = (TypeElement) t.asElement();
        String name = e.getQualifiedName().toString();
        if (serialNames.contains(name) || serialNames.contains(elements.getBinaryName(e).toString())
                || VALUE_TYPES.contains(name)) {
            return null;
        }
        String example = CONTAINERS.get(name);
        if (example != null) {
            if (t.getTypeArguments().isEmpty()) {
                return new Problem(t, "the raw type " + describe(t), "give its type arguments, e.g. " + example, false);
            }
            for (TypeMirror argument : t.getTypeArguments()) {
                Problem p = argument.accept(this, enums);
                if (p != null) {
                    return p;
                }
            }
            return null;
        }
        if (isMarked(e)) {
            return null;
        }
        if (e.getKind() == ElementKind.ENUM) {
            enums.add(e);
            return null;
        }
        if (e.getKind() == ElementKind.RECORD) {
            return new Problem(t, "the record " + describe(t) + ", which is not marked for jmpi",
                    "annotate " + nestedName(e) + " with @jmpi.op.Payload", false);
        }
        if (e.getKind() == ElementKind.INTERFACE && isFunctional(e)) {
            String simple = e.getSimpleName().toString();
            String what = isInPackage(e, "java.util.function")
                    ? "a " + simple
                    : "a " + simple + ", a functional interface";
            return new Problem(t, what, CODE, false);
        }
        if (name.equals("java.lang.Object")) {
            return new Problem(t, "Object, which could hold anything", "declare the allowed type it holds", false);
        }
        String collection = collectionInterface(t);
        if (collection != null) {
            return new Problem(t, describe(t) + ", a collection class",
                    "declare it as " + collection + "; only the interface's contract crosses the wire", false);
        }
        return new Problem(t, describe(t) + ", which is not on the allow-list", "make it a @jmpi.op.Payload record,"
                + " or name " + elements.getBinaryName(e) + " in the " + ClassNames.SERIAL_OPTION
                + " processor option (and in JMPI_SERIAL at run time)", false);
    }

    @Override
    public Problem visitTypeVariable(TypeVariable t, Set<TypeElement> enums) {
        return new Problem(t, "the type variable " + t, "what it holds is unknown at compile time, so it cannot"
                + " be checked; use a concrete allowed type", false);
    }

    @Override
    public Problem visitWildcard(WildcardType t, Set<TypeElement> enums) {
        return new Problem(t, "a wildcard (" + describe(t) + ")",
                "write the exact type it holds, e.g. List<Integer> rather than List<? extends Number>", false);
    }

    @Override
    public Problem visitIntersection(IntersectionType t, Set<TypeElement> enums) {
        return defaultAction(t, enums);
    }

    @Override
    public Problem visitUnion(UnionType t, Set<TypeElement> enums) {
        return defaultAction(t, enums);
    }

    @Override
    public Problem visitNoType(NoType t, Set<TypeElement> enums) {
        return defaultAction(t, enums);
    }

    @Override
    protected Problem defaultAction(TypeMirror t, Set<TypeElement> enums) {
        return new Problem(t, describe(t) + ", which is not on the allow-list", "use a primitive, String, an enum,"
                + " a primitive array, List/Set/Map/Optional of allowed types, or a @jmpi.op.Payload record", false);
    }

    /** Whether a type is annotated @Operation or @Payload, so its own module generates and registers its codec. */
    static boolean isMarked(Element e) {
        return e.getAnnotationMirrors().stream().anyMatch(a -> {
            String n = ((TypeElement) a.getAnnotationType().asElement()).getQualifiedName().toString();
            return n.equals(ClassNames.OPERATION) || n.equals(ClassNames.PAYLOAD);
        });
    }

    private boolean isFunctional(TypeElement e) {
        return isInPackage(e, "java.util.function") || e.getAnnotationMirrors().stream().anyMatch(a ->
                ((TypeElement) a.getAnnotationType().asElement()).getQualifiedName()
                        .contentEquals("java.lang.FunctionalInterface"));
    }

    private boolean isInPackage(Element e, String pkg) {
        return elements.getPackageOf(e).getQualifiedName().contentEquals(pkg);
    }

    /** The interface to declare instead of a collection class (ArrayList, HashMap...), or null. */
    private String collectionInterface(DeclaredType t) {
        TypeMirror erased = types.erasure(t);
        List<String> fits = new ArrayList<>();
        for (String candidate : List.of("java.util.List", "java.util.Set", "java.util.Map")) {
            TypeElement c = elements.getTypeElement(candidate);
            if (c != null && types.isSubtype(erased, types.erasure(c.asType()))) {
                fits.add(CONTAINERS.get(candidate).replaceAll("<.*", ""));
            }
        }
        TypeElement collection = elements.getTypeElement("java.util.Collection");
        if (fits.isEmpty() && collection != null && types.isSubtype(erased, types.erasure(collection.asType()))) {
            fits.add("List or Set");
        }
        return fits.isEmpty() ? null : fits.get(0);
    }

    /** A type as a reader writes it: simple names, Outer.Inner for nested types, type arguments kept. */
    static String describe(TypeMirror t) {
        if (t.getKind() == TypeKind.DECLARED) {
            DeclaredType d = (DeclaredType) t;
            String name = nestedName((TypeElement) d.asElement());
            return d.getTypeArguments().isEmpty() ? name : d.getTypeArguments().stream().map(AllowList::describe)
                    .collect(Collectors.joining(", ", name + "<", ">"));
        }
        if (t.getKind() == TypeKind.ARRAY) {
            return describe(((ArrayType) t).getComponentType()) + "[]";
        }
        if (t.getKind() == TypeKind.WILDCARD) {
            WildcardType w = (WildcardType) t;
            if (w.getExtendsBound() != null) {
                return "? extends " + describe(w.getExtendsBound());
            }
            return w.getSuperBound() != null ? "? super " + describe(w.getSuperBound()) : "?";
        }
        return t.toString();
    }

    /** Outer.Inner for a nested type, the simple name otherwise. */
    static String nestedName(TypeElement e) {
        StringBuilder name = new StringBuilder(e.getSimpleName());
        for (Element p = e.getEnclosingElement(); p.getKind().isClass() || p.getKind().isInterface();
                p = p.getEnclosingElement()) {
            name.insert(0, p.getSimpleName() + ".");
        }
        return name.toString();
    }
}
