package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jmpi.MPIException;
import org.junit.jupiter.api.function.Executable;

/** Assertions the suites share. */
public final class Check {
    private Check() {
    }

    /** Asserts that two payloads are equal, looking into arrays. */
    public static void same(Object expected, Object actual) {
        assertTrue(Messages.same(expected, actual), () -> "expected " + Messages.show(expected) + " but got "
                + Messages.show(actual));
    }

    /** Asserts that the call fails with an {@link MPIException} of the given error class. */
    public static MPIException fails(int errorClass, Executable call) {
        MPIException e = assertThrows(MPIException.class, call);
        assertEquals(errorClass, e.errorClass(), () -> "error class of: " + e);
        return e;
    }
}
