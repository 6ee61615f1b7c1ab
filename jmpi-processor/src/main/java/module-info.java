/**
 * The jmpi annotation processor: generates wire codecs and a registration for {@code @Operation} and
 * {@code @Payload} types, and rejects at compile time what cannot cross the wire.
 */
module jmpi.processor {
    requires java.compiler;
    requires com.palantir.javapoet;
    requires static com.google.auto.service;

    provides javax.annotation.processing.Processor with jmpi.processor.OperationProcessor;
}
