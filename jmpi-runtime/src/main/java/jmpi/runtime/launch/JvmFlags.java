package jmpi.runtime.launch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The flags a rank's JVM needs so that the runtime's dependencies run without warnings on current
 * Java: Netty loads its native transport (a restricted method since JDK 24) and Fory reads fields
 * through {@code sun.misc.Unsafe} (a warning since JDK 24). Added after the {@code java} of a rank's
 * command, only where that JDK knows the flag and only when the user has not set it.
 */
final class JvmFlags {
    /** The module of Netty that calls {@code System.loadLibrary}. */
    static final String NETTY_NATIVE_MODULE = "io.netty.common";
    private static final Pattern RELEASE_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");
    private static final int UNSAFE_FLAG_SINCE = 23;

    private JvmFlags() {
    }

    /** The command with the flags inserted after its program, if that program is a JDK's java. */
    static List<String> forCommand(List<String> command) {
        if (command.isEmpty() || !isJava(command.get(0))) {
            return command;
        }
        OptionalInt feature = featureOf(command.get(0));
        List<String> flags = flags(command, feature.orElse(Runtime.version().feature()));
        if (flags.isEmpty()) {
            return command;
        }
        List<String> withFlags = new ArrayList<>(command.size() + flags.size());
        withFlags.add(command.get(0));
        withFlags.addAll(flags);
        withFlags.addAll(command.subList(1, command.size()));
        return withFlags;
    }

    static List<String> flags(List<String> command, int feature) {
        List<String> flags = new ArrayList<>();
        if (!sets(command, "--enable-native-access")) {
            // a modular program names Netty's module; on the class path Netty is unnamed
            flags.add("--enable-native-access=" + (modular(command) ? NETTY_NATIVE_MODULE : "ALL-UNNAMED"));
        }
        if (feature >= UNSAFE_FLAG_SINCE && !sets(command, "--sun-misc-unsafe-memory-access")) {
            flags.add("--sun-misc-unsafe-memory-access=allow");
        }
        return flags;
    }

    private static boolean isJava(String program) {
        Path name = Path.of(program).getFileName();
        return name != null && name.toString().equals("java");
    }

    /** Options of {@code java} whose value is the next argument. */
    private static final List<String> TAKES_VALUE = List.of("-p", "--module-path", "-cp", "-classpath",
            "--class-path", "--add-modules", "--add-opens", "--add-exports", "--add-reads",
            "--upgrade-module-path", "--limit-modules");

    /** Whether the program runs a module: {@code -m} comes before the main class or jar. */
    private static boolean modular(List<String> command) {
        for (int i = 1; i < command.size(); i++) {
            String arg = command.get(i);
            if (arg.equals("-m") || arg.equals("--module") || arg.startsWith("--module=")) {
                return true;
            }
            if (TAKES_VALUE.contains(arg)) {
                i++;
            } else if (arg.equals("-jar") || !arg.startsWith("-")) {
                return false;
            }
        }
        return false;
    }

    private static boolean sets(List<String> command, String flag) {
        return command.stream().anyMatch(a -> a.equals(flag) || a.startsWith(flag + "="));
    }

    /** The feature release of the JDK that program belongs to, from its {@code release} file. */
    static OptionalInt featureOf(String program) {
        Path java = program.contains("/") ? Path.of(program) : onPath(program);
        if (java == null) {
            return OptionalInt.empty();
        }
        try {
            Path home = java.toRealPath().getParent().getParent();
            Matcher m = RELEASE_VERSION.matcher(Files.readString(home.resolve("release"), StandardCharsets.UTF_8));
            return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    private static Path onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
