package jmpi.testing;

import java.util.List;

/**
 * Where the ranks' threads are in the test's own code, to go with the coordinator's roll-call: a rank
 * in no call is busy somewhere that only its stack shows.
 */
final class RankThreads {
    /** Frames of these packages are the platform's, jmpi's or JUnit's, never the line a user looks for. */
    private static final List<String> NOT_USER = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.", "io.netty.",
            "org.apache.fory.", "org.junit.", "jmpi.runtime.", "jmpi.spi.", "jmpi.op.");
    /** The kit's own classes that run a rank, and their lambdas; by class, as users' tests may share the package. */
    private static final List<String> KIT = List.of(LocalJob.class.getName(), RankRunner.class.getName(),
            MPITesting.class.getName());

    private RankThreads() {
    }

    /** One line per rank still running, from the index in threads; empty when none runs. */
    static String where(List<Thread> threads) {
        StringBuilder b = new StringBuilder();
        for (int r = 0; r < threads.size(); r++) {
            Thread t = threads.get(r);
            if (!t.isAlive()) {
                continue;
            }
            StackTraceElement frame = firstUserFrame(t.getStackTrace());
            b.append(b.length() == 0 ? "\nwhere the ranks' threads are:" : "").append("\nrank ").append(r)
                    .append(": ").append(t.getState()).append(frame == null ? "" : " at " + text(frame));
        }
        return b.toString();
    }

    private static StackTraceElement firstUserFrame(StackTraceElement[] stack) {
        for (StackTraceElement e : stack) {
            if (isUser(e.getClassName())) {
                return e;
            }
        }
        return null;
    }

    /** The frame without the class loader and module names that StackTraceElement.toString adds. */
    private static String text(StackTraceElement e) {
        return e.getClassName() + "." + e.getMethodName() + "(" + e.getFileName() + ":" + e.getLineNumber() + ")";
    }

    private static boolean isUser(String className) {
        // the API's own classes sit in package jmpi itself
        if (className.startsWith("jmpi.") && className.indexOf('.', "jmpi.".length()) < 0) {
            return false;
        }
        for (String k : KIT) {
            if (className.equals(k) || className.startsWith(k + "$")) {
                return false;
            }
        }
        for (String p : NOT_USER) {
            if (className.startsWith(p)) {
                return false;
            }
        }
        return true;
    }
}
