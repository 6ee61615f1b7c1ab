package jmpi.processor;

import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.File;
import java.net.URISyntaxException;
import java.util.List;
import javax.tools.JavaFileObject;

/** The test inputs under src/test/resources/processor-inputs, and compilers set up to process them. */
final class Inputs {
    // not a package name, so the files stay readable when the tests run inside the module jmpi.processor
    private static final String ROOT = "processor-inputs/";

    private Inputs() {
    }

    static JavaFileObject source(String path) {
        return JavaFileObjects.forResource(ROOT + path);
    }

    /** javac with the processor and the jmpi API on the class path, as for code in the unnamed module. */
    static Compiler javac(String... options) {
        return Compiler.javac()
                .withProcessors(new OperationProcessor())
                .withClasspath(List.of(apiJar()))
                .withOptions((Object[]) options);
    }

    /** The jmpi-api jar (or classes directory) this test runs with. */
    static File apiJar() {
        try {
            return new File(jmpi.op.Operation.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
