package jmpi.op;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record or enum as a payload type: the annotation processor generates its serializer and
 * registration so it can be sent, and be a component of an {@link Operation}.
 *
 * <p>Kept at run time so that sending one that has no registration (its module was compiled without
 * the processor) can fail with an error that says how to add the processor.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Payload {
}
