package jmpi.tests.programs;

import jmpi.Comm;
import jmpi.Config;
import jmpi.MPI;
import jmpi.tests.cco.UserOpCases;

/**
 * The user operation cases under jmpirun: among the ranks on the direct data plane, or their ERR_OP
 * through the coordinator ({@code JMPI_DATA=coordinator}). Prints one line per rank when they pass.
 */
public final class UserOpJob {
    private UserOpJob() {
    }

    public static void main(String[] args) {
        Comm c = MPI.COMM_WORLD;
        String data = Config.fromEnvironment().data();
        UserOpCases.onOneRank(MPI.COMM_SELF);
        if (Config.DATA_COORDINATOR.equals(data) && c.size() > 1) {
            UserOpCases.throughTheCoordinator(c);
        } else {
            UserOpCases.onTheRanks(c);
        }
        System.out.println("rank " + c.rank() + ": user operations passed (" + data + ")");
        MPI.Finalize();
    }
}
