package jmpi.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the processor generates for valid input, in the unnamed module and in a named one. */
class OperationProcessorTest {
    // -processing: javac would note that no processor claims @Operation, which is by design
    private static final String LINT = "-Xlint:all,-processing";

    static List<JavaFileObject> validSources() {
        return List.of(Inputs.source("valid/PairReduce.java"), Inputs.source("valid/Point.java"),
                Inputs.source("valid/Mode.java"), Inputs.source("valid/Shade.java"),
                Inputs.source("valid/Outer.java"), Inputs.source("valid/Hidden.java"));
    }

    static Compilation compileValid() {
        return Inputs.javac(LINT).compile(validSources());
    }

    @Test
    void validTypesCompileWithoutWarnings() {
        Compilation c = compileValid();
        assertThat(c).succeededWithoutWarnings();
        for (String codec : List.of("JmpiSerializer_PairReduce", "JmpiSerializer_Point", "JmpiSerializer_Mode",
                "JmpiSerializer_Shade", "JmpiSerializer_Outer_Inner", "JmpiRegistration")) {
            assertThat(c).generatedSourceFile("demo." + codec);
        }
        assertThat(c).generatedSourceFile("demo.other.JmpiSerializer_Hidden");
    }

    @Test
    void pointSerializerIsTheGoldenSource() {
        assertThat(compileValid()).generatedSourceFile("demo.JmpiSerializer_Point").contentsAsUtf8String().isEqualTo("""
                package demo;

                import java.lang.Class;
                import java.lang.Override;
                import javax.annotation.processing.Generated;
                import jmpi.op.WireCodec;
                import jmpi.op.WireInput;
                import jmpi.op.WireOutput;

                /**
                 * Writes and reads {@link Point} on the jmpi wire, without reflection.
                 */
                @Generated("jmpi.processor.OperationProcessor")
                public final class JmpiSerializer_Point implements WireCodec<Point> {
                    /**
                     * The codec's type, for the registration, which cannot name it from another package.
                     */
                    public static final Class<Point> TYPE = Point.class;

                    /**
                     * Makes a codec; it keeps no state.
                     */
                    public JmpiSerializer_Point() {
                    }

                    @Override
                    public void write(WireOutput out, Point value) {
                        out.writeInt(value.x());
                        out.writeInt(value.y());
                    }

                    @Override
                    public Point read(WireInput in) {
                        return new Point(
                                in.readInt(),
                                in.readInt());
                    }
                }
                """);
    }

    @Test
    void componentsOfEveryWireKindAreWrittenAndReadInOrder() {
        assertThat(compileValid()).generatedSourceFile("demo.JmpiSerializer_Outer_Inner").contentsAsUtf8String()
                .contains("""
                    @Override
                    public void write(WireOutput out, Outer.Inner value) {
                        out.writeString(value.name());
                        out.writeObject(value.values());
                        out.writeObject(value.shade());
                        out.writeChar(value.initial());
                    }

                    @Override
                    @SuppressWarnings("unchecked")
                    public Outer.Inner read(WireInput in) {
                        return new Outer.Inner(
                                in.readString(),
                                (long[]) in.readObject(),
                                (Optional<Shade>) in.readObject(),
                                in.readChar());
                    }
                """);
    }

    @Test
    void enumSerializerSwitchesOnTheConstantName() {
        assertThat(compileValid()).generatedSourceFile("demo.JmpiSerializer_Mode").contentsAsUtf8String().contains("""
                    @Override
                    public void write(WireOutput out, Mode value) {
                        out.writeString(value.name());
                    }

                    @Override
                    public Mode read(WireInput in) {
                        String name = in.readString();
                        return switch (name) {
                            case "FAST" -> Mode.FAST;
                            case "EXACT" -> Mode.EXACT;
                            default -> throw new IllegalArgumentException("no constant of demo.Mode is named " + name);
                        };
                    }
                """);
    }

    @Test
    void registrationListsEveryTypeSortedByName() {
        assertThat(compileValid()).generatedSourceFile("demo.JmpiRegistration").contentsAsUtf8String().contains("""
                    @Override
                    public void register(TypeRegistry registry) {
                        registry.register(Mode.class, "demo.Mode", new JmpiSerializer_Mode());
                        registry.register(Outer.Inner.class, "demo.Outer$Inner", new JmpiSerializer_Outer_Inner());
                        registry.register(PairReduce.class, "demo.PairReduce", new JmpiSerializer_PairReduce());
                        registry.register(Point.class, "demo.Point", new JmpiSerializer_Point());
                        registry.register(Shade.class, "demo.Shade", new JmpiSerializer_Shade());
                        registry.register(JmpiSerializer_Hidden.TYPE, "demo.other.Hidden", new JmpiSerializer_Hidden());
                    }
                """);
    }

    @Test
    void servicesFileNamesTheRegistration() {
        assertThat(compileValid())
                .generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/services/jmpi.op.Registration")
                .contentsAsUtf8String().isEqualTo("demo.JmpiRegistration\n");
    }

    @Test
    void outputDoesNotDependOnSourceOrder() {
        List<JavaFileObject> reversed = new java.util.ArrayList<>(validSources());
        java.util.Collections.reverse(reversed);
        String forward = registrationSource(compileValid());
        String backward = registrationSource(Inputs.javac(LINT).compile(reversed));
        assertThat(backward).isEqualTo(forward);
    }

    @Test
    void namedModuleWithProvidesLineCompilesWithoutWarnings(@TempDir Path dir) throws IOException {
        ModuleCompilation c = ModuleCompilation.compile(dir, List.of(LINT),
                "modular/module-info.java=module-info.java", "modular/Ping.java=demo/app/Ping.java");
        assertThat(c.diagnostics()).isEmpty();
        assertThat(c.success()).isTrue();
        assertThat(c.generated().get("demo/app/JmpiRegistration_demo_app.java"))
                .contains("registry.register(Ping.class, \"demo.app.Ping\", new JmpiSerializer_Ping());");
        // a module that does not require java.compiler cannot see @Generated, so it is left out
        assertThat(c.generated().get("demo/app/JmpiSerializer_Ping.java")).doesNotContain("@Generated");
        assertThat(Files.readString(c.classOutput().resolve("META-INF/services/jmpi.op.Registration")))
                .isEqualTo("demo.app.JmpiRegistration_demo_app\n");
        assertThat(Files.exists(c.classOutput().resolve("demo/app/JmpiRegistration_demo_app.class"))).isTrue();
    }

    private static String registrationSource(Compilation c) {
        try {
            return c.generatedSourceFile("demo.JmpiRegistration").orElseThrow().getCharContent(false).toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
