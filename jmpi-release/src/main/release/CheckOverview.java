import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Keeps the API's overview page true: the example on it (module-info.java's inline snippet) and the
 * README's opening example are the region "seed" of a source file the build compiles, line for line,
 * and every link to a README section goes to the project's home (the parent POM's jmpi.home) and to a
 * heading the README has. The other types' examples name their region ({@code {@snippet class=...}});
 * the overview's cannot, since javadoc (up to JDK 25 at least) fails on an external snippet in a
 * module's comment. Run with the source launcher: {@code java CheckOverview.java ROOT}; exits 1 naming
 * every difference.
 */
public final class CheckOverview {
    private static final Path SNIPPETS = Path.of("jmpi-api/src/test/java/jmpi/OverviewSnippets.java");
    private static final Path MODULE_INFO = Path.of("jmpi-api/src/main/java/module-info.java");
    private static final Pattern HOME = Pattern.compile("<jmpi.home>([^<]+)</jmpi.home>");
    private static final Pattern LINK = Pattern.compile("href=\"([^\"#]+)#([^\"]+)\"");

    private CheckOverview() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java CheckOverview.java ROOT");
            System.exit(2);
        }
        Path root = Path.of(args[0]);
        List<String> problems = new ArrayList<>();
        List<String> seed = code(between(read(root, SNIPPETS), "// @start region=\"seed\"", "// @end region=\"seed\""));
        String moduleInfo = read(root, MODULE_INFO).lines()
                .map(l -> l.replaceFirst("^\\s*\\* ?", ""))
                .collect(Collectors.joining("\n"));
        String readme = read(root, Path.of("README.md"));
        compare(problems, seed, code(snippet(moduleInfo)), MODULE_INFO + "'s example");
        compare(problems, seed, code(between(readme, "```java", "```")), "README.md's first example");

        Matcher home = HOME.matcher(read(root, Path.of("pom.xml")));
        String base = home.find() ? home.group(1) : "(no jmpi.home in pom.xml)";
        Set<String> anchors = readme.lines()
                .filter(l -> l.startsWith("#"))
                .map(CheckOverview::anchor)
                .collect(Collectors.toSet());
        Matcher link = LINK.matcher(moduleInfo);
        int links = 0;
        while (link.find()) {
            links++;
            if (!link.group(1).equals(base)) {
                problems.add(MODULE_INFO + " links to " + link.group(1) + ", not the project's home " + base);
            }
            if (!anchors.contains(link.group(2))) {
                problems.add(MODULE_INFO + " links to #" + link.group(2) + ", which no README heading makes");
            }
        }
        if (!problems.isEmpty()) {
            problems.forEach(p -> System.err.println("overview check: " + p));
            System.exit(1);
        }
        System.out.println("overview check: ok: the example is " + SNIPPETS + "'s region seed, "
                + links + " links go to README sections");
    }

    private static String read(Path root, Path file) throws IOException {
        return Files.readString(root.resolve(file));
    }

    /** The text between the first start marker and the end marker after it, or "" without them. */
    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        int to = from < 0 ? -1 : text.indexOf(end, from + start.length());
        return to < 0 ? "" : text.substring(from + start.length(), to);
    }

    /** The body of the first inline snippet ({@code {@snippet : ...}}, its braces balanced), or "". */
    private static String snippet(String text) {
        int from = text.indexOf("{@snippet :");
        int depth = 0;
        for (int i = from < 0 ? text.length() : from + "{@snippet :".length(); i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && depth-- == 0) {
                return text.substring(from + "{@snippet :".length(), i);
            }
        }
        return "";
    }

    /** The lines of code, trimmed, without blank lines, imports and markers of nested regions. */
    private static List<String> code(String block) {
        return block.lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("import ") && !l.startsWith("// @"))
                .collect(Collectors.toList());
    }

    private static void compare(List<String> problems, List<String> seed, List<String> shown, String where) {
        if (seed.isEmpty()) {
            problems.add(SNIPPETS + " has no region seed");
        } else if (!seed.equals(shown)) {
            problems.add(where + " is not " + SNIPPETS + "'s region seed:\n  shown: " + shown + "\n  compiled: " + seed);
        }
    }

    /** GitHub's anchor for a Markdown heading: lower case, spaces to dashes, punctuation dropped. */
    private static String anchor(String heading) {
        return heading.replaceFirst("^#+\\s*", "").toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }
}
