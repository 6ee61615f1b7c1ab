package jmpi.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import java.util.Collection;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;

/**
 * Generates a module's {@code Registration}: one class whose {@code register} hands every type of the
 * module, with its codec, to the runtime. Types come sorted by wire name, so every build writes the same
 * bytes.
 */
final class RegistrationGenerator {
    static final ClassName REGISTRATION = ClassName.bestGuess(ClassNames.REGISTRATION);
    static final ClassName TYPE_REGISTRY = ClassName.bestGuess(ClassNames.TYPE_REGISTRY);

    private RegistrationGenerator() {
    }

    /** JmpiRegistration_my_module for module my.module, JmpiRegistration in the unnamed module. */
    static ClassName className(String pkg, String moduleName) {
        return ClassName.get(pkg, moduleName.isEmpty() ? "JmpiRegistration" : "JmpiRegistration_"
                + moduleName.replace('.', '_'));
    }

    /**
     * The registration source.
     *
     * @param name the class to generate
     * @param models the module's types, sorted by wire name
     * @param origins the annotated elements it derives from
     * @param generated the {@code @Generated} annotation, when the module can see it
     * @param namedModule whether the code is in a named module
     */
    static JavaFile generate(ClassName name, Collection<OperationModel> models, Collection<? extends Element> origins,
            Optional<AnnotationSpec> generated, boolean namedModule) {
        TypeSpec.Builder registration = TypeSpec.classBuilder(name)
                .addJavadoc("Registers this module's jmpi wire types; every rank loads it through"
                        + " {@link java.util.ServiceLoader}.\n")
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(REGISTRATION);
        origins.forEach(registration::addOriginatingElement);
        generated.ifPresent(registration::addAnnotation);
        if (namedModule) {
            registration.addAnnotation(exports());
        }
        registration.addMethod(MethodSpec.constructorBuilder()
                .addJavadoc("Called by {@link java.util.ServiceLoader}.\n")
                .addModifiers(Modifier.PUBLIC)
                .build());
        MethodSpec.Builder register = MethodSpec.methodBuilder("register")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(TYPE_REGISTRY, "registry");
        for (OperationModel m : models) {
            if (m.accessible() || m.type().packageName().equals(name.packageName())) {
                register.addStatement("registry.register($T.class, $S, new $T())", m.type(), m.wireName(),
                        m.serializer());
            } else {
                register.addStatement("registry.register($T.$N, $S, new $T())", m.serializer(),
                        SerializerGenerator.TYPE_FIELD, m.wireName(), m.serializer());
            }
        }
        registration.addMethod(register.build());
        return JavaFile.builder(name.packageName(), registration.build()).indent("    ").build();
    }

    /**
     * {@code @SuppressWarnings("exports")}, for generated classes in a named module. In an exported package javac
     * warns that their public signatures show types other modules may not see (jmpi's, unless the module
     * {@code requires transitive jmpi}; a package-private user type); the classes exist for the runtime only,
     * so the warning would help nobody.
     */
    static AnnotationSpec exports() {
        return AnnotationSpec.builder(SuppressWarnings.class).addMember("value", "$S", "exports").build();
    }
}
