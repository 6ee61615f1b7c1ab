package jmpi.tests.programs;

import java.util.List;
import jmpi.Comm;
import jmpi.MPI;

/**
 * Each rank gathers the name of every rank's job (TEST_JOB in its environment), so that ranks of two
 * jobs that met would show it, and says which host it runs on. With arguments {@code R S}, rank R then calls {@code System.exit(S)}
 * while the others wait for it in a barrier.
 */
public final class WhichJob {
    private WhichJob() {
    }

    public static void main(String[] args) {
        Comm c = MPI.COMM_WORLD;
        String job = System.getenv("TEST_JOB");
        List<String> jobs = c.allgather(job);
        System.out.println("rank " + c.rank() + " of " + c.size() + " on " + MPI.Get_processor_name() + " in job " + job
                + ": " + jobs);
        System.out.flush();
        if (args.length == 2 && c.rank() == Integer.parseInt(args[0])) {
            System.exit(Integer.parseInt(args[1]));
        }
        c.barrier();
        MPI.Finalize();
    }
}
