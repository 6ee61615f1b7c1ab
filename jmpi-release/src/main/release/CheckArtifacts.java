import java.io.IOException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks what a release publishes before it is bundled: every artifact the BOM manages has its jar,
 * its sources and Javadoc jars, and a POM with Central's metadata, the module name in its jar is the
 * one the README's Layout table gives, every {@code {@snippet}} of its sources shows in its Javadoc jar,
 * and the distribution's tarball is there. Run with the source launcher:
 * {@code java CheckArtifacts.java ROOT VERSION}; exits 1 naming every problem.
 */
public final class CheckArtifacts {
    private static final Pattern MANAGED =
            Pattern.compile("<artifactId>(jmpi-[a-z-]+)</artifactId>\\s*<version>\\$\\{project.version}</version>");
    private static final Pattern LAYOUT_ROW = Pattern.compile("^\\| `(jmpi-[a-z-]+)` \\(module `([a-z.]+)`\\)", Pattern.MULTILINE);
    private static final List<String> PARENT_METADATA =
            List.of("<url>", "<licenses>", "<developers>", "<scm", "<connection>", "<developerConnection>");

    private final Path root;
    private final String version;
    private final List<String> problems = new ArrayList<>();

    private CheckArtifacts(Path root, String version) {
        this.root = root;
        this.version = version;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java CheckArtifacts.java ROOT VERSION");
            System.exit(2);
        }
        CheckArtifacts check = new CheckArtifacts(Path.of(args[0]), args[1]);
        List<String> published = check.run();
        if (!check.problems.isEmpty()) {
            check.problems.forEach(p -> System.err.println("release check: " + p));
            System.exit(1);
        }
        System.out.println("release check: ok: " + String.join(", ", published)
                + " each have their jar, sources, Javadoc (with its snippets), POM metadata and the README's module name");
    }

    /** The BOM's managed artifacts are what is published; each is checked. */
    private List<String> run() throws IOException {
        List<String> published = published();
        Map<String, String> readme = readmeModules();
        checkParentMetadata();
        Path tarball = root.resolve("jmpi-dist/target/jmpi-" + version + "-bin.tar.gz");
        if (!Files.isRegularFile(tarball)) {
            problems.add("no " + root.relativize(tarball) + ": jmpi-dist builds it at package");
        }
        for (String artifact : published) {
            checkJars(artifact);
            checkPom(artifact);
            String module = checkModuleName(artifact, readme.get(artifact));
            if (module != null) {
                checkSnippets(artifact, module);
            }
        }
        for (String listed : readme.keySet()) {
            if (!published.contains(listed)) {
                problems.add("README's Layout names a module for " + listed + ", which the BOM does not publish");
            }
        }
        return published;
    }

    private List<String> published() throws IOException {
        String bom = Files.readString(root.resolve("jmpi-bom/pom.xml"));
        List<String> artifacts = new ArrayList<>();
        Matcher m = MANAGED.matcher(bom);
        while (m.find()) {
            artifacts.add(m.group(1));
        }
        if (artifacts.isEmpty()) {
            problems.add("jmpi-bom/pom.xml manages no jmpi artifact");
        }
        return artifacts;
    }

    /** artifact -> module name, from the rows "| `jmpi-x` (module `jmpi.x`) |" of the README. */
    private Map<String, String> readmeModules() throws IOException {
        Map<String, String> modules = new TreeMap<>();
        Matcher m = LAYOUT_ROW.matcher(Files.readString(root.resolve("README.md")));
        while (m.find()) {
            modules.put(m.group(1), m.group(2));
        }
        return modules;
    }

    private void checkParentMetadata() throws IOException {
        String parent = Files.readString(root.resolve("pom.xml"));
        for (String element : PARENT_METADATA) {
            if (!parent.contains(element)) {
                problems.add("the parent pom.xml has no " + element + (element.endsWith(">") ? "" : ">") + ", which Central requires");
            }
        }
    }

    private void checkJars(String artifact) {
        for (String suffix : List.of("", "-sources", "-javadoc")) {
            Path jar = target(artifact).resolve(artifact + "-" + version + suffix + ".jar");
            if (!Files.isRegularFile(jar)) {
                problems.add("no " + root.relativize(jar) + ": build with ./mvnw -Prelease package");
            }
        }
    }

    private void checkPom(String artifact) throws IOException {
        String pom = Files.readString(root.resolve(artifact).resolve("pom.xml"));
        for (String element : List.of("<name>", "<description>")) {
            if (!pom.contains(element)) {
                problems.add(artifact + "/pom.xml has no " + element + ", which Central requires");
            }
        }
    }

    /** The module name in the artifact's jar, checked against the README's; null without one. */
    private String checkModuleName(String artifact, String documented) {
        Path jar = target(artifact).resolve(artifact + "-" + version + ".jar");
        if (!Files.isRegularFile(jar)) {
            return null; // already reported
        }
        String actual = ModuleFinder.of(jar).findAll().stream()
                .map(ModuleReference::descriptor)
                .filter(d -> !d.isAutomatic())
                .map(d -> d.name())
                .findFirst()
                .orElse(null);
        if (actual == null) {
            problems.add(root.relativize(jar) + " has no module-info");
        } else if (documented == null) {
            problems.add("README's Layout table has no row \"| `" + artifact + "` (module `" + actual + "`) |\"");
        } else if (!documented.equals(actual)) {
            problems.add("README says " + artifact + " is module " + documented + ", its jar's module-info says " + actual);
        }
        return actual;
    }

    /**
     * Each source file's {@code {@snippet}} tags show as snippets on its pages in the Javadoc jar (the
     * page of its top-level type and of the types nested in it, or the module's summary), so that an
     * example the javadoc in use could not render does not go out as an empty page.
     */
    private void checkSnippets(String artifact, String module) throws IOException {
        Path sources = root.resolve(artifact).resolve("src/main/java");
        Path jar = target(artifact).resolve(artifact + "-" + version + "-javadoc.jar");
        if (!Files.isDirectory(sources) || !Files.isRegularFile(jar)) {
            return; // a missing jar is already reported
        }
        List<Path> javaFiles;
        try (Stream<Path> files = Files.walk(sources)) {
            javaFiles = files.filter(f -> f.toString().endsWith(".java")).toList();
        }
        try (FileSystem javadoc = FileSystems.newFileSystem(jar)) {
            for (Path file : javaFiles) {
                int tags = count(Files.readString(file), "{@snippet");
                if (tags == 0) {
                    continue;
                }
                String type = sources.relativize(file).toString().replace(".java", "");
                int shown = snippetsShown(javadoc.getPath(module, type.equals("module-info") ? "module-summary" : type));
                if (shown < tags) {
                    problems.add(root.relativize(jar) + " shows " + shown + " of the " + tags + " snippets of "
                            + root.relativize(file) + ": build its Javadoc with JDK 18 or later");
                }
            }
        }
    }

    /** The snippets on the page of a type (named without .html) and on the pages of the types nested in it. */
    private static int snippetsShown(Path type) throws IOException {
        if (!Files.isDirectory(type.getParent())) {
            return 0;
        }
        String name = type.getFileName().toString();
        int shown = 0;
        try (Stream<Path> pages = Files.list(type.getParent())) {
            for (Path page : pages.filter(f -> f.getFileName().toString().matches(Pattern.quote(name) + "(\\..+)?\\.html")).toList()) {
                shown += count(Files.readString(page), "<pre class=\"snippet\"");
            }
        }
        return shown;
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + what.length())) {
            n++;
        }
        return n;
    }

    private Path target(String artifact) {
        return root.resolve(artifact).resolve("target");
    }
}
