package jmpi.processor;

import java.io.PrintWriter;
import java.io.StringWriter;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Reports compile errors, each starting with a stable tag that tests and users can search for. Reporting
 * never stops processing, so that one compilation shows every problem at once.
 */
final class ErrorReporter {
    static final String NOT_A_RECORD = "jmpi.NotARecord";
    static final String NOT_A_CONTEXT = "jmpi.NotAContext";
    static final String MISSING_APPLY = "jmpi.MissingApply";
    static final String MISSING_GROUP = "jmpi.MissingGroup";
    static final String DISALLOWED = "jmpi.Disallowed";
    static final String UNKNOWN_SERIAL = "jmpi.UnknownSerial";
    static final String NOT_ACCESSIBLE = "jmpi.NotAccessible";
    static final String GENERIC = "jmpi.Generic";
    static final String MISSING_PROVIDES = "jmpi.MissingProvides";
    static final String MISSING_REQUIRES = "jmpi.MissingRequires";
    static final String LATE_TYPE = "jmpi.LateType";
    static final String UNREGISTERED_TASK = "jmpi.UnregisteredTask";
    static final String IO = "jmpi.IO";
    static final String CRASH = "jmpi.Crash";

    private final Messager messager;
    private int errors;

    ErrorReporter(Messager messager) {
        this.messager = messager;
    }

    /** Reports an error on element, attached to the annotation that caused the check when one is given. */
    void error(Element element, AnnotationMirror annotation, String tag, String format, Object... args) {
        errors++;
        messager.printMessage(Diagnostic.Kind.ERROR, message(tag, format, args), element, annotation);
    }

    /** Reports an error on element. */
    void error(Element element, String tag, String format, Object... args) {
        errors++;
        messager.printMessage(Diagnostic.Kind.ERROR, message(tag, format, args), element);
    }

    /** Reports an error that belongs to no element, such as a bad processor option. */
    void error(String tag, String format, Object... args) {
        errors++;
        messager.printMessage(Diagnostic.Kind.ERROR, message(tag, format, args));
    }

    /** Turns a bug in the processor into a compile error with its stack trace instead of crashing javac. */
    void crash(Throwable t) {
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        error(CRASH, "the jmpi annotation processor failed; please report this with the trace:%n%s", trace);
    }

    int errorCount() {
        return errors;
    }

    private static String message(String tag, String format, Object... args) {
        return "[" + tag + "] " + (args.length == 0 ? format : String.format(format, args));
    }
}
