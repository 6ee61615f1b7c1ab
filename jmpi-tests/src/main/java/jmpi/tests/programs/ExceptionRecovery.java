package jmpi.tests.programs;

import jmpi.Comm;
import jmpi.MPI;
import jmpi.RemoteException;
import jmpi.op.OperationRequest;
import jmpi.tests.ops.Failing;

/** pympi's exception test: an operation fails on the coordinator, every rank sees it, the job goes on. */
public final class ExceptionRecovery {
    private ExceptionRecovery() {
    }

    public static void main(String[] args) {
        Comm c = MPI.COMM_WORLD;
        Failing ctx = new Failing("failure on purpose");
        try {
            c.submit(OperationRequest.of(ctx.group(c.size()), ctx, c.rank())).waitFor();
            System.out.println("rank " + c.rank() + ": no exception");
            System.exit(2);
        } catch (RemoteException e) {
            System.out.println("rank " + c.rank() + ": caught " + e.remoteType() + ": failure on purpose");
        }
        c.barrier();
        int sum = c.allreduce(1);
        System.out.println("rank " + c.rank() + ": recovered, allreduce " + sum);
        MPI.Finalize();
    }
}
