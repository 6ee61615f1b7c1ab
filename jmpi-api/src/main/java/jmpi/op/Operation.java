package jmpi.op;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record that implements {@link OperationContext} as a custom collective. The jmpi annotation
 * processor generates its serializer and registration and rejects, at compile time, components that
 * cannot cross the wire. Here every rank sends a number and learns the spread of all of them:
 *
 * {@snippet class=jmpi.op.OperationSnippets region=operation}
 *
 * <p>Kept at run time so that sending one that has no registration (its module was compiled without
 * the processor) can fail with an error that says how to add the processor.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Operation {
}
