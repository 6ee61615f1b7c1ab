package jmpi.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a JUnit Jupiter test method as a job of many ranks inside one JVM, once per rank count, each run
 * shown as a test of its own ("4 ranks"):
 *
 * {@snippet class=jmpi.testing.MPITestExtensionTest region=mpitest}
 *
 * <p>Every rank runs the method at once, in a thread of its own, on the same test instance, and gets
 * its own {@link jmpi.Comm} (the world of the job) as the argument; other parameters are resolved as
 * JUnit resolves them. A rank that throws fails the test, naming the rank and its exception, and the
 * other ranks are stopped; a failed assumption on a rank skips the run. A run not finished after
 * {@link #timeout()} seconds fails with the coordinator's roll-call of what each rank waits in. See
 * {@link MPITesting} for the same from code.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@TestTemplate
@ExtendWith(MPITestExtension.class)
public @interface MPITest {
    /** The rank counts to run the method at, each at least 1. */
    int[] ranks();

    /** Seconds that one run may take, every rank's start and finalize included. */
    int timeout() default 60;
}
