package jmpi.runtime.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class JvmFlagsTest {
    private static final String NATIVE_MODULE = "--enable-native-access=io.netty.common";
    private static final String NATIVE_UNNAMED = "--enable-native-access=ALL-UNNAMED";
    private static final String UNSAFE = "--sun-misc-unsafe-memory-access=allow";

    @Test
    void aModularProgramGetsNativeAccessForNettysModule() {
        assertEquals(List.of(NATIVE_MODULE), JvmFlags.flags(List.of("java", "-p", "lib", "-m", "app/app.Main"), 17));
        assertEquals(List.of(NATIVE_MODULE), JvmFlags.flags(List.of("java", "--module=app/app.Main"), 21));
    }

    @Test
    void aClassPathProgramGetsNativeAccessForTheUnnamedModule() {
        assertEquals(List.of(NATIVE_UNNAMED), JvmFlags.flags(List.of("java", "-cp", "lib/*", "app.Main", "-m"), 17));
        assertEquals(List.of(NATIVE_UNNAMED), JvmFlags.flags(List.of("java", "-jar", "app.jar"), 17));
    }

    @Test
    void theUnsafeFlagOnlyWhereTheJdkKnowsIt() {
        List<String> modular = List.of("java", "-p", "lib", "-m", "app/app.Main");
        assertEquals(List.of(NATIVE_MODULE), JvmFlags.flags(modular, 22));
        assertEquals(List.of(NATIVE_MODULE, UNSAFE), JvmFlags.flags(modular, 23));
        assertEquals(List.of(NATIVE_MODULE, UNSAFE), JvmFlags.flags(modular, 25));
    }

    @Test
    void flagsTheUserSetAreLeftAsTheyAre() {
        List<String> command = List.of("java", "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=warn", "-m", "app/app.Main");
        assertEquals(List.of(), JvmFlags.flags(command, 25));
        assertSame(command, JvmFlags.forCommand(command));
    }

    @Test
    void flagsGoRightAfterJavaAndNotIntoOtherPrograms() {
        List<String> command = List.of("/opt/jdk/bin/java", "-p", "lib", "-m", "app/app.Main", "x");
        List<String> with = JvmFlags.forCommand(command);
        assertEquals("/opt/jdk/bin/java", with.get(0));
        assertEquals(NATIVE_MODULE, with.get(1));
        assertEquals(command.subList(1, command.size()), with.subList(with.size() - 5, with.size()));
        List<String> python = List.of("python3", "-m", "app");
        assertSame(python, JvmFlags.forCommand(python));
    }

    @Test
    void theFeatureComesFromTheJdksReleaseFile() {
        String running = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        assertEquals(Runtime.version().feature(), JvmFlags.featureOf(running).orElseThrow());
        assertEquals(true, JvmFlags.featureOf("/no/such/java").isEmpty());
    }
}
