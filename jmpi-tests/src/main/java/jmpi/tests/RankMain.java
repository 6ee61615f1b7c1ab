package jmpi.tests;

import java.lang.reflect.Method;
import java.util.regex.Pattern;
import jmpi.Comm;
import jmpi.MPI;

/**
 * Runs every rank-side suite on COMM_WORLD, COMM_SELF and a dup of the world; started by jmpirun.
 * An optional argument is a pattern that selects tests ({@code Suite.method}). A failing rank prints
 * the failure and halts at once, so that jmpirun stops the job instead of leaving it waiting.
 */
public final class RankMain {
    private RankMain() {
    }

    public static void main(String[] args) {
        Pattern only = args.length > 0 ? Pattern.compile(args[0]) : null;
        Comm world = MPI.COMM_WORLD;
        Comm self = MPI.COMM_SELF;
        int rank = world.rank();
        int size = world.size();
        int passed = 0;
        for (CommKind kind : CommKind.values()) {
            for (Class<? extends RankSuite> suite : SuiteRunner.SUITES) {
                for (Method m : SuiteRunner.tests(suite)) {
                    String name = suite.getSimpleName() + "." + m.getName() + "[" + kind + "]";
                    if (only != null && !only.matcher(name).find()) {
                        continue;
                    }
                    try {
                        SuiteRunner.run(suite, m, kind, world, self);
                        passed++;
                    } catch (Throwable t) {
                        System.out.println("rank " + rank + " FAILED " + name);
                        t.printStackTrace(System.out);
                        System.out.println("rank " + rank + ": " + passed + " passed, 1 failed");
                        System.out.flush();
                        Runtime.getRuntime().halt(1);
                    }
                }
            }
        }
        MPI.Finalize();
        System.out.println("rank " + rank + " of " + size + ": " + passed + " passed, 0 failed");
    }
}
