package jmpi.processor;

/**
 * Names of the jmpi types the processor works with. They are strings, not class literals, so that the
 * processor does not need the jmpi API on its own path: it reads them from the code it compiles.
 */
final class ClassNames {
    static final String OPERATION = "jmpi.op.Operation";
    static final String PAYLOAD = "jmpi.op.Payload";
    static final String OPERATION_CONTEXT = "jmpi.op.OperationContext";
    static final String COMMUNICATION_GROUP = "jmpi.op.CommunicationGroup";
    static final String REGISTRATION = "jmpi.op.Registration";
    static final String TYPE_REGISTRY = "jmpi.op.TypeRegistry";
    static final String WIRE_CODEC = "jmpi.op.WireCodec";
    static final String WIRE_INPUT = "jmpi.op.WireInput";
    static final String WIRE_OUTPUT = "jmpi.op.WireOutput";
    static final String OP = "jmpi.Op";
    static final String LOC = "jmpi.Loc";
    static final String GENERATED = "javax.annotation.processing.Generated";

    /** The processor option listing extra classes allowed on the wire: the compile-time twin of JMPI_SERIAL. */
    static final String SERIAL_OPTION = "jmpi.serial";

    /** The module whose API the generated code uses. */
    static final String API_MODULE = "jmpi";

    private ClassNames() {
    }
}
