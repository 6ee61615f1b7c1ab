package jmpi.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Modifier;

/**
 * Generates the {@code WireCodec} of one model: a final class that writes the components in declaration
 * order and reads them back through the canonical constructor, or writes an enum constant's name and reads
 * it back with a switch. The generated code uses no reflection.
 */
final class SerializerGenerator {
    static final ClassName WIRE_CODEC = ClassName.bestGuess(ClassNames.WIRE_CODEC);
    static final ClassName WIRE_INPUT = ClassName.bestGuess(ClassNames.WIRE_INPUT);
    static final ClassName WIRE_OUTPUT = ClassName.bestGuess(ClassNames.WIRE_OUTPUT);

    /** The name of the field that non-public types expose so the registration can name them from another package. */
    static final String TYPE_FIELD = "TYPE";

    private SerializerGenerator() {
    }

    /**
     * The codec source for model.
     *
     * @param generated the {@code @Generated} annotation, when the module can see it
     * @param namedModule whether the code is in a named module, where exported packages get "exports" lint
     */
    static JavaFile generate(OperationModel model, Optional<AnnotationSpec> generated, boolean namedModule) {
        ClassName type = model.type();
        TypeSpec.Builder codec = TypeSpec.classBuilder(model.serializer())
                .addJavadoc("Writes and reads {@link $T} on the jmpi wire, without reflection.\n", type)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(ParameterizedTypeName.get(WIRE_CODEC, type))
                .addOriginatingElement(model.origin());
        generated.ifPresent(codec::addAnnotation);
        if (namedModule) {
            codec.addAnnotation(RegistrationGenerator.exports());
        }
        if (!model.accessible()) {
            codec.addField(FieldSpec.builder(ParameterizedTypeName.get(ClassName.get(Class.class), type), TYPE_FIELD,
                            Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                    .addJavadoc("The codec's type, for the registration, which cannot name it from another package.\n")
                    .initializer("$T.class", type)
                    .build());
        }
        codec.addMethod(MethodSpec.constructorBuilder()
                .addJavadoc("Makes a codec; it keeps no state.\n")
                .addModifiers(Modifier.PUBLIC)
                .build());
        if (model.kind() == OperationModel.Kind.ENUM) {
            codec.addMethod(enumWrite(model)).addMethod(enumRead(model));
        } else {
            codec.addMethod(recordWrite(model)).addMethod(recordRead(model));
        }
        return JavaFile.builder(model.serializer().packageName(), codec.build()).indent("    ").build();
    }

    private static MethodSpec.Builder write(OperationModel model) {
        return MethodSpec.methodBuilder("write")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(WIRE_OUTPUT, "out")
                .addParameter(model.type(), "value");
    }

    private static MethodSpec.Builder read(OperationModel model) {
        return MethodSpec.methodBuilder("read")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(model.type())
                .addParameter(WIRE_INPUT, "in");
    }

    private static MethodSpec recordWrite(OperationModel model) {
        MethodSpec.Builder write = write(model);
        for (OperationModel.Component c : model.components()) {
            write.addStatement("out.$N(value.$N())", c.wire().writer(), c.name());
        }
        return write.build();
    }

    private static MethodSpec recordRead(OperationModel model) {
        MethodSpec.Builder read = read(model);
        List<OperationModel.Component> components = model.components();
        if (components.stream().anyMatch(OperationModel.Component::generic)) {
            // readObject gives an Object; the writer put exactly this component's type there
            read.addAnnotation(AnnotationSpec.builder(SuppressWarnings.class)
                    .addMember("value", "$S", "unchecked").build());
        }
        if (components.isEmpty()) {
            return read.addStatement("return new $T()", model.type()).build();
        }
        // arguments are evaluated left to right, so reading inline keeps the order write used
        CodeBlock.Builder arguments = CodeBlock.builder();
        for (int i = 0; i < components.size(); i++) {
            OperationModel.Component c = components.get(i);
            arguments.add(i == 0 ? "\n" : ",\n");
            if (c.wire() == OperationModel.Wire.OBJECT) {
                arguments.add("($T) in.$N()", c.type(), c.wire().reader());
            } else {
                arguments.add("in.$N()", c.wire().reader());
            }
        }
        return read.addCode(CodeBlock.builder()
                        .add("return new $T(", model.type())
                        .indent().indent()
                        .add(arguments.build())
                        .unindent().unindent()
                        .add(");\n")
                        .build())
                .build();
    }

    private static MethodSpec enumWrite(OperationModel model) {
        // the name, not the ordinal: reordering constants then cannot change what a value means
        return write(model).addStatement("out.writeString(value.name())").build();
    }

    private static MethodSpec enumRead(OperationModel model) {
        MethodSpec.Builder read = read(model);
        CodeBlock unknown = CodeBlock.of("throw new $T($S + name)", IllegalArgumentException.class,
                "no constant of " + model.wireName() + " is named ");
        read.addStatement("$T name = in.readString()", String.class);
        if (model.constants().isEmpty()) {
            return read.addStatement(unknown).build();
        }
        read.addCode("return switch (name) {\n$>");
        for (String constant : model.constants()) {
            read.addCode("case $S -> $T.$N;\n", constant, model.type(), constant);
        }
        return read.addCode("default -> $L;\n$<};\n", unknown).build();
    }
}
