package jmpi.processor;

import com.google.common.io.Resources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * A compilation of one named module by javac with its own file manager, on files in a directory.
 * compile-testing cannot compile a module: its in-memory file manager lets javac believe that a module-info
 * source belongs to every module on the module path ("module name does not match expected name jmpi").
 *
 * @param diagnostics what javac reported
 * @param success whether it compiled
 * @param generated the generated sources, by path relative to the source output
 * @param classOutput where classes and resources went
 */
record ModuleCompilation(List<Diagnostic<? extends JavaFileObject>> diagnostics, boolean success,
        Map<String, String> generated, Path classOutput) {

    /**
     * Compiles the inputs (paths under processor-inputs, each copied to the file name given after '=') in dir,
     * with the jmpi API on the module path and the processor attached.
     */
    static ModuleCompilation compile(Path dir, List<String> options, String... inputs) {
        try {
            Path src = Files.createDirectories(dir.resolve("src"));
            Path out = Files.createDirectories(dir.resolve("out"));
            Path gen = Files.createDirectories(dir.resolve("gen"));
            List<Path> files = new ArrayList<>();
            for (String input : inputs) {
                String[] fromTo = input.split("=");
                Path to = src.resolve(fromTo[1]);
                Files.createDirectories(to.getParent());
                Files.writeString(to, Resources.toString(Resources.getResource("processor-inputs/" + fromTo[0]),
                        StandardCharsets.UTF_8));
                files.add(to);
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            List<String> all = new ArrayList<>(List.of("--module-path", Inputs.apiJar().getPath(),
                    "-d", out.toString(), "-s", gen.toString()));
            all.addAll(options);
            try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                    StandardCharsets.UTF_8)) {
                JavaCompiler.CompilationTask task = javac.getTask(null, fm, diagnostics, all, null,
                        fm.getJavaFileObjectsFromPaths(files));
                task.setProcessors(List.of(new OperationProcessor()));
                boolean success = task.call();
                Map<String, String> generated = new TreeMap<>();
                try (var walk = Files.walk(gen)) {
                    for (Path p : walk.filter(Files::isRegularFile).toList()) {
                        generated.put(gen.relativize(p).toString().replace('\\', '/'), Files.readString(p));
                    }
                }
                return new ModuleCompilation(diagnostics.getDiagnostics(), success, generated, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Diagnostic<? extends JavaFileObject>> of(Diagnostic.Kind kind) {
        return diagnostics.stream().filter(d -> d.getKind() == kind).toList();
    }

    /** The source line a diagnostic points at. */
    static String line(Diagnostic<? extends JavaFileObject> d) {
        try {
            return d.getSource().getCharContent(true).toString().lines().skip(d.getLineNumber() - 1).findFirst()
                    .orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
