package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.lang.module.ModuleReader;
import java.lang.module.ResolvedModule;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How many rank-side tests a run must pass, counted without the runner: every concrete
 * {@link RankSuite} in the module's classes, and every public {@code void testX()} each one declares.
 * A runner that found nothing, or lost a suite, then falls short of the count instead of passing.
 */
final class ExpectedTests {
    private ExpectedTests() {
    }

    /** The names of the tests a suite declares, sorted. */
    static List<String> declared(Class<?> suite) {
        return Arrays.stream(suite.getDeclaredMethods())
                .filter(m -> m.getName().startsWith("test") && Modifier.isPublic(m.getModifiers())
                        && m.getParameterCount() == 0 && m.getReturnType() == void.class)
                .map(Method::getName)
                .sorted()
                .toList();
    }

    /** Asserts that the runner knows every suite of the module and, in each, exactly the declared tests. */
    static void assertRunnerFindsEveryTest() throws IOException {
        assertEquals(suitesInModule(), new HashSet<>(SuiteRunner.SUITES), "the suites SuiteRunner runs");
        for (Class<? extends RankSuite> suite : SuiteRunner.SUITES) {
            List<String> declared = declared(suite);
            assertFalse(declared.isEmpty(), suite + " declares no test");
            assertEquals(declared, SuiteRunner.tests(suite).stream().map(Method::getName).toList(),
                    "the tests SuiteRunner finds in " + suite.getSimpleName());
        }
    }

    /** The tests one rank runs on one communicator kind. */
    static int perCommKind() {
        return SuiteRunner.SUITES.stream().mapToInt(s -> declared(s).size()).sum();
    }

    /** The tests one rank of RankMain passes: every test on every communicator kind. */
    static int perRank() {
        return perCommKind() * CommKind.values().length;
    }

    /** Every concrete subclass of RankSuite among the module's own classes. */
    private static Set<Class<?>> suitesInModule() throws IOException {
        Module tests = RankSuite.class.getModule();
        ResolvedModule resolved = tests.getLayer().configuration().findModule(tests.getName()).orElseThrow();
        try (ModuleReader reader = resolved.reference().open()) {
            return reader.list()
                    .filter(n -> n.endsWith("Suite.class") && !n.contains("$"))
                    .map(n -> load(n.substring(0, n.length() - ".class".length()).replace('/', '.')))
                    .filter(c -> RankSuite.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers()))
                    .collect(Collectors.toSet());
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, RankSuite.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError("listed but not loadable: " + name, e);
        }
    }
}
