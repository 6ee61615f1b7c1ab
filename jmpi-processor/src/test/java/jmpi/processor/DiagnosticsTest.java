package jmpi.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every compile error the processor reports: its tag, its advice and the line it points at. */
class DiagnosticsTest {
    private static final String CODE = "code cannot cross the wire; use an enum of the operations";

    @Test
    void operationOnClass() {
        JavaFileObject src = Inputs.source("errors/NotARecordClass.java");
        Compilation c = Inputs.javac().compile(src);
        assertThat(c).hadErrorContaining("[jmpi.NotARecord] @Operation is for records, and NotARecordClass is a"
                + " class").inFile(src).onLineContaining("@Operation");
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void operationOnEnum() {
        JavaFileObject src = Inputs.source("errors/OperationOnEnum.java");
        Compilation c = Inputs.javac().compile(src);
        assertThat(c).hadErrorContaining("[jmpi.NotARecord] @Operation is for records, and OperationOnEnum is an"
                + " enum").inFile(src).onLineContaining("@Operation");
        assertThat(c).hadErrorContaining("mark the enum @jmpi.op.Payload");
    }

    @Test
    void payloadOnInterface() {
        JavaFileObject src = Inputs.source("errors/PayloadOnInterface.java");
        Compilation c = Inputs.javac().compile(src);
        assertThat(c).hadErrorContaining("[jmpi.NotARecord] @Payload is for records and enums, and"
                + " PayloadOnInterface is an interface").inFile(src).onLineContaining("@Payload");
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void aTaskThatIsNotAPayloadRecord() {
        JavaFileObject src = Inputs.source("errors/UnmarkedTask.java");
        Compilation c = Inputs.javac().compile(src);
        assertThat(c).hadErrorContaining("[jmpi.UnregisteredTask] record Square implements jmpi.exec.Task but is not"
                + " marked @jmpi.op.Payload: mark it").inFile(src).onLineContaining("record Square");
        assertThat(c).hadErrorContaining("[jmpi.NotARecord] Counting implements jmpi.exec.Task but is a class: code"
                + " does not cross the wire").inFile(src).onLineContaining("class Counting");
        assertThat(c).hadErrorCount(2);
    }

    @Test
    void notAContext() {
        JavaFileObject src = Inputs.source("errors/NotAContext.java");
        Compilation c = Inputs.javac().compile(src);
        assertThat(c).hadErrorContaining("[jmpi.NotAContext] record NotAContext is marked @Operation but does not"
                + " implement jmpi.op.OperationContext: add 'implements OperationContext<T, R>'")
                .inFile(src).onLineContaining("record NotAContext");
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void missingApply() {
        JavaFileObject src = Inputs.source("errors/MissingApply.java");
        Compilation c = Inputs.javac().compile(src);
        assertThat(c).hadErrorContaining("[jmpi.MissingApply] record MissingApply has no apply method: add 'public"
                + " Map<Integer, R> apply(Map<Integer, T> src, Set<Integer> dst)'")
                .inFile(src).onLineContaining("record MissingApply");
    }

    @Test
    void missingGroup() {
        JavaFileObject src = Inputs.source("errors/MissingGroup.java");
        Compilation c = Inputs.javac().compile(src);
        assertThat(c).hadErrorContaining("[jmpi.MissingGroup] record MissingGroup has no group method: add"
                + " 'CommunicationGroup group(...)'").inFile(src).onLineContaining("record MissingGroup");
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void groupReturningSomethingElse() {
        JavaFileObject src = Inputs.source("errors/WrongGroup.java");
        Compilation c = Inputs.javac().compile(src);
        assertThat(c).hadErrorContaining("[jmpi.MissingGroup] method group of record WrongGroup returns"
                + " List<Integer>, not jmpi.op.CommunicationGroup").inFile(src).onLineContaining("record WrongGroup");
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void functionComponent() {
        JavaFileObject src = Inputs.source("errors/FunctionComponent.java");
        Compilation c = Inputs.javac().compile(src);
        assertThat(c).hadErrorContaining("[jmpi.Disallowed] component 'fn' is a Function: " + CODE)
                .inFile(src).onLineContaining("Function<");
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void disallowedComponentsAreAllReportedEachOnItsLine() {
        JavaFileObject src = Inputs.source("errors/DisallowedComponents.java");
        Compilation c = Inputs.javac().compile(src);
        assertThat(c).hadErrorContaining("[jmpi.Disallowed] component 'reducers' has type"
                + " List<BinaryOperator<Integer>>, which contains a BinaryOperator: " + CODE)
                .inFile(src).onLineContaining("reducers");
        assertThat(c).hadErrorContaining("[jmpi.Disallowed] component 'order' is a Comparator, a functional"
                + " interface: " + CODE).inFile(src).onLineContaining("order");
        assertThat(c).hadErrorContaining("[jmpi.Disallowed] component 'raw' is the raw type List: give its type"
                + " arguments, e.g. List<String>").inFile(src).onLineContaining("List raw");
        assertThat(c).hadErrorContaining("[jmpi.Disallowed] component 'wild' has type List<? extends Number>, which"
                + " contains a wildcard (? extends Number): write the exact type it holds")
                .inFile(src).onLineContaining("wild");
        assertThat(c).hadErrorContaining("[jmpi.Disallowed] component 'names' is an array of objects (String[]):"
                + " only arrays of primitives cross the wire; use List<String>").inFile(src).onLineContaining("names");
        assertThat(c).hadErrorContaining("[jmpi.Disallowed] component 'anything' is Object, which could hold"
                + " anything").inFile(src).onLineContaining("anything");
        assertThat(c).hadErrorContaining("[jmpi.Disallowed] component 'arrayList' is ArrayList<String>, a collection"
                + " class: declare it as List").inFile(src).onLineContaining("arrayList");
        assertThat(c).hadErrorContaining("[jmpi.Disallowed] component 'thread' is Thread, which is not on the"
                + " allow-list: make it a @jmpi.op.Payload record, or name java.lang.Thread in the jmpi.serial"
                + " processor option").inFile(src).onLineContaining("thread");
        assertThat(c).hadErrorContaining("[jmpi.Disallowed] component 'plains' has type Map<String,"
                + " Set<DisallowedComponents.Plain>>, which contains the record DisallowedComponents.Plain, which is"
                + " not marked for jmpi: annotate DisallowedComponents.Plain with @jmpi.op.Payload")
                .inFile(src).onLineContaining("plains");
        assertThat(c).hadErrorCount(9);
    }

    @Test
    void disallowedContextTypeArgument() {
        JavaFileObject src = Inputs.source("errors/DisallowedContext.java");
        Compilation c = Inputs.javac().compile(src);
        assertThat(c).hadErrorContaining("[jmpi.Disallowed] OperationContext type argument T is Object, which could"
                + " hold anything").inFile(src).onLineContaining("record DisallowedContext");
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void genericRecord() {
        JavaFileObject src = Inputs.source("errors/GenericPayload.java");
        Compilation c = Inputs.javac().compile(src);
        assertThat(c).hadErrorContaining("[jmpi.Generic] record GenericPayload has type parameters <T>: the codec"
                + " needs the exact type of every component")
                .inFile(src).onLineContaining("record GenericPayload");
        assertThat(c).hadErrorContaining("[jmpi.Disallowed] component 'value' is the type variable T")
                .inFile(src).onLineContaining("record GenericPayload");
        assertThat(c).hadErrorCount(2);
    }

    @Test
    void privateRecord() {
        JavaFileObject src = Inputs.source("errors/PrivatePayload.java");
        Compilation c = Inputs.javac().compile(src);
        assertThat(c).hadErrorContaining("[jmpi.NotAccessible] Hidden is private, so the generated codec in package"
                + " demo cannot name PrivatePayload.Hidden: make it package-private or public")
                .inFile(src).onLineContaining("@Payload");
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void unknownSerialName() {
        JavaFileObject src = Inputs.source("valid/Point.java");
        Compilation c = Inputs.javac("-Ajmpi.serial=java.time.Instant, com.example.Missing").compile(src);
        assertThat(c).hadErrorContaining("[jmpi.UnknownSerial] the jmpi.serial option names com.example.Missing,"
                + " which cannot be found");
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void serialOptionAllowsTheClassesItNames() {
        JavaFileObject src = Inputs.source("errors/SerialNamed.java");
        assertThat(Inputs.javac().compile(src))
                .hadErrorContaining("[jmpi.Disallowed] component 'when' is Instant, which is not on the allow-list")
                .inFile(src).onLineContaining("Instant when");
        assertThat(Inputs.javac("-Ajmpi.serial=java.time.Instant").compile(src)).succeededWithoutWarnings();
    }

    @Test
    void moduleWithoutProvidesLine(@TempDir Path dir) {
        ModuleCompilation c = ModuleCompilation.compile(dir, List.of(),
                "modular-no-provides/module-info.java=module-info.java", "modular/Ping.java=demo/app/Ping.java");
        List<Diagnostic<? extends JavaFileObject>> errors = c.of(Diagnostic.Kind.ERROR);
        assertThat(errors).hasSize(1);
        Diagnostic<? extends JavaFileObject> error = errors.get(0);
        // javac indents the lines after the first; the line to add stands alone
        assertThat(error.getMessage(Locale.ROOT).lines().map(String::strip).toList()).containsExactly(
                "[jmpi.MissingProvides] module demo.app does not provide its generated registration, so no rank would"
                        + " accept its types on the wire: add this line to module-info.java:",
                "provides jmpi.op.Registration with demo.app.JmpiRegistration_demo_app;").inOrder();
        assertThat(error.getSource().getName()).endsWith("module-info.java");
        assertThat(ModuleCompilation.line(error)).contains("module demo.app");
    }
}
