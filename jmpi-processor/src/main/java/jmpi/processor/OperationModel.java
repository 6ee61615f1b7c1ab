package jmpi.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.List;
import java.util.Objects;
import javax.lang.model.element.Element;

/**
 * What the generators need to know about one type that crosses the wire, after validation.
 *
 * @param kind whether it is an operation, a payload record or an enum
 * @param type the user's type
 * @param wireName the name every rank registers it under (its binary name)
 * @param serializer the generated codec class
 * @param accessible whether code in any package of the module can name the type
 * @param moduleName the module being compiled, empty for the unnamed module
 * @param components a record's components in declaration order (empty for an enum)
 * @param constants an enum's constants in declaration order (empty for a record)
 * @param origin the source element the generated files derive from
 */
record OperationModel(
        Kind kind,
        ClassName type,
        String wireName,
        ClassName serializer,
        boolean accessible,
        String moduleName,
        List<Component> components,
        List<String> constants,
        Element origin) {

    OperationModel {
        Objects.requireNonNull(kind, "kind == null");
        Objects.requireNonNull(type, "type == null");
        Objects.requireNonNull(wireName, "wireName == null");
        Objects.requireNonNull(serializer, "serializer == null");
        Objects.requireNonNull(moduleName, "moduleName == null");
        components = List.copyOf(components);
        constants = List.copyOf(constants);
        Objects.requireNonNull(origin, "origin == null");
    }

    /** What kind of type a model describes. */
    enum Kind {
        OPERATION,
        PAYLOAD,
        ENUM
    }

    /**
     * One record component.
     *
     * @param name the component (and accessor) name
     * @param type its declared type
     * @param wire how it is written and read
     * @param generic whether reading it needs an unchecked cast
     */
    record Component(String name, TypeName type, Wire wire, boolean generic) {
    }

    /** The WireOutput/WireInput method pair a component goes through, named by its suffix. */
    enum Wire {
        BOOLEAN("Boolean"),
        BYTE("Byte"),
        SHORT("Short"),
        CHAR("Char"),
        INT("Int"),
        LONG("Long"),
        FLOAT("Float"),
        DOUBLE("Double"),
        STRING("String"),
        OBJECT("Object");

        private final String suffix;

        Wire(String suffix) {
            this.suffix = suffix;
        }

        String writer() {
            return "write" + suffix;
        }

        String reader() {
            return "read" + suffix;
        }
    }
}
