package jmpi.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.annotation.processing.SupportedOptions;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.StandardLocation;

/**
 * Generates a wire codec for every {@code @jmpi.op.Operation} record and {@code @jmpi.op.Payload} record or
 * enum, and one {@code jmpi.op.Registration} per module that hands them all to the runtime. Types that cannot
 * cross the wire are compile errors, each tagged ({@code [jmpi.Disallowed]}, ...) and placed on the element at
 * fault, and so is a class that implements {@code jmpi.exec.Task} but is not a {@code @Payload} record. The option
 * {@code -Ajmpi.serial=a.B,c.D} allows more classes, as {@code JMPI_SERIAL} does at run time.
 */
@AutoService(Processor.class)
// every type, not only the annotated ones: a task record that lacks @Payload is an error too
@SupportedAnnotationTypes("*")
@SupportedOptions(ClassNames.SERIAL_OPTION)
public final class OperationProcessor extends AbstractProcessor {
    static final String SERVICES_FILE = "META-INF/services/" + ClassNames.REGISTRATION;

    private Elements elements;
    private Filer filer;
    private ErrorReporter reporter;
    private OperationValidator validator;
    private ModuleCheck moduleCheck;
    private TaskCheck taskCheck;

    /** Valid models per module name ("" when unnamed), by wire name: sorted, so every build writes the same code. */
    private final Map<String, SortedMap<String, OperationModel>> models = new TreeMap<>();
    /** Every annotated type per module, valid or not, by qualified name; the first names the registration's package. */
    private final Map<String, SortedMap<String, String>> annotated = new TreeMap<>();
    /** Types that use a type which does not exist yet; a later round may generate it. */
    private final Set<String> deferred = new LinkedHashSet<>();
    /** The registrations already written, per module. */
    private final Map<String, ClassName> registrations = new TreeMap<>();

    /** Made by the compiler, through {@link java.util.ServiceLoader} or {@code -processor}. */
    public OperationProcessor() {
    }

    @Override
    public synchronized void init(ProcessingEnvironment env) {
        super.init(env);
        elements = env.getElementUtils();
        filer = env.getFiler();
        reporter = new ErrorReporter(env.getMessager());
        Set<String> serialNames = serialNames(env.getOptions().get(ClassNames.SERIAL_OPTION));
        validator = new OperationValidator(elements, env.getTypeUtils(), reporter,
                new AllowList(elements, env.getTypeUtils(), serialNames));
        moduleCheck = new ModuleCheck(reporter);
        taskCheck = new TaskCheck(elements, env.getTypeUtils(), reporter);
        for (String name : serialNames) {
            if (elements.getTypeElement(name) == null && elements.getTypeElement(name.replace('$', '.')) == null) {
                reporter.error(ErrorReporter.UNKNOWN_SERIAL, "the %s option names %s, which cannot be found: check"
                        + " the name (a.b.Outer$Inner or a.b.Outer.Inner for a nested class) and that its jar or module"
                        + " is on the compile path", ClassNames.SERIAL_OPTION, name);
            }
        }
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment roundEnv) {
        try {
            processImpl(annotations, roundEnv);
        } catch (RuntimeException e) {
            reporter.crash(e);
        }
        // other processors may want these annotations too
        return false;
    }

    private void processImpl(Set<? extends TypeElement> annotations, RoundEnvironment roundEnv) {
        taskCheck.check(roundEnv.getRootElements());
        boolean generated = false;
        for (TypeElement type : typesToValidate(annotations, roundEnv)) {
            generated |= validate(type, roundEnv.processingOver());
        }
        if (roundEnv.processingOver()) {
            // normally written in an earlier round; javac warns about sources written this late
            writeRegistrations();
            writeServicesFile();
            for (Map.Entry<String, ClassName> r : registrations.entrySet()) {
                moduleCheck.check(elements.getModuleElement(r.getKey()), r.getValue());
            }
        } else if ((!generated || reporter.errorCount() > 0) && deferred.isEmpty()) {
            // the first round that brings no new type (or in which javac will stop because of errors): the
            // registration's source still gets a round, so the compiler treats it as any other source
            writeRegistrations();
        }
    }

    private List<TypeElement> typesToValidate(Set<? extends TypeElement> annotations, RoundEnvironment roundEnv) {
        Map<String, TypeElement> types = new LinkedHashMap<>();
        for (String name : deferred) {
            TypeElement t = elements.getTypeElement(name);
            if (t != null) {
                types.put(name, t);
            }
        }
        deferred.clear();
        for (TypeElement annotation : annotations) {
            String name = annotation.getQualifiedName().toString();
            if (!name.equals(ClassNames.OPERATION) && !name.equals(ClassNames.PAYLOAD)) {
                continue;
            }
            for (Element e : roundEnv.getElementsAnnotatedWith(annotation)) {
                if (e instanceof TypeElement) {
                    types.putIfAbsent(((TypeElement) e).getQualifiedName().toString(), (TypeElement) e);
                }
            }
        }
        return new ArrayList<>(types.values());
    }

    /** Validates type and writes its codecs; whether it wrote any. */
    private boolean validate(TypeElement type, boolean lastRound) {
        String module = moduleName(type);
        String qualifiedName = type.getQualifiedName().toString();
        if (registrations.containsKey(module)) {
            reporter.error(type, ErrorReporter.LATE_TYPE, "%s appeared after the registration of its module was"
                    + " written, so it would never be registered: it was probably generated by another annotation"
                    + " processor; declare it in source instead", qualifiedName);
            return false;
        }
        annotated.computeIfAbsent(module, m -> new TreeMap<>())
                .put(qualifiedName, elements.getPackageOf(type).getQualifiedName().toString());
        OperationValidator.Result result = validator.validate(type);
        if (result.deferred()) {
            // in the last round javac itself reports the missing type
            if (!lastRound) {
                deferred.add(qualifiedName);
            }
            return false;
        }
        if (result.model() == null) {
            return false;
        }
        SortedMap<String, OperationModel> moduleModels = models.computeIfAbsent(module, m -> new TreeMap<>());
        List<OperationModel> added = new ArrayList<>();
        added.add(result.model());
        for (TypeElement e : result.enums()) {
            if (!moduleModels.containsKey(elements.getBinaryName(e).toString())) {
                added.add(validator.enumModel(e, type));
            }
        }
        for (OperationModel m : added) {
            moduleModels.put(m.wireName(), m);
            write(SerializerGenerator.generate(m, generatedAnnotation(module), !module.isEmpty()), m.origin());
        }
        return true;
    }

    private void writeRegistrations() {
        for (Map.Entry<String, SortedMap<String, String>> e : annotated.entrySet()) {
            String module = e.getKey();
            if (registrations.containsKey(module)) {
                continue;
            }
            SortedMap<String, String> types = e.getValue();
            ClassName name = RegistrationGenerator.className(types.get(types.firstKey()), module);
            List<Element> origins = new ArrayList<>();
            for (String type : types.keySet()) {
                Optional.ofNullable(elements.getTypeElement(type)).ifPresent(origins::add);
            }
            registrations.put(module, name);
            write(RegistrationGenerator.generate(name, models.getOrDefault(module, new TreeMap<>()).values(), origins,
                    generatedAnnotation(module), !module.isEmpty()), origins.isEmpty() ? null : origins.get(0));
        }
    }

    /** For class-path users: on the module path the {@code provides} line in module-info does this job. */
    private void writeServicesFile() {
        if (registrations.isEmpty()) {
            return;
        }
        Set<String> lines = new TreeSet<>();
        registrations.values().forEach(r -> lines.add(r.reflectionName()));
        try (Writer w = filer.createResource(StandardLocation.CLASS_OUTPUT, "", SERVICES_FILE).openWriter()) {
            for (String line : lines) {
                w.write(line);
                w.write('\n');
            }
        } catch (IOException e) {
            reporter.error(ErrorReporter.IO, "cannot write %s: %s", SERVICES_FILE, e);
        }
    }

    private void write(JavaFile file, Element origin) {
        try {
            file.writeTo(filer);
        } catch (IOException e) {
            String name = file.packageName() + "." + file.typeSpec().name();
            if (origin != null) {
                reporter.error(origin, ErrorReporter.IO, "cannot write %s: %s", name, e);
            } else {
                reporter.error(ErrorReporter.IO, "cannot write %s: %s", name, e);
            }
        }
    }

    /** {@code @Generated}, when the module can see it: a named module must require java.compiler for that. */
    private Optional<AnnotationSpec> generatedAnnotation(String module) {
        TypeElement generated = module.isEmpty()
                ? elements.getTypeElement(ClassNames.GENERATED)
                : elements.getTypeElement(elements.getModuleElement(module), ClassNames.GENERATED);
        if (generated == null) {
            return Optional.empty();
        }
        return Optional.of(AnnotationSpec.builder(ClassName.get(generated))
                .addMember("value", "$S", OperationProcessor.class.getName())
                .build());
    }

    private String moduleName(Element e) {
        ModuleElement m = elements.getModuleOf(e);
        return m == null || m.isUnnamed() ? "" : m.getQualifiedName().toString();
    }

    private static Set<String> serialNames(String option) {
        Set<String> names = new TreeSet<>();
        if (option != null) {
            Arrays.stream(option.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(names::add);
        }
        return names;
    }
}
