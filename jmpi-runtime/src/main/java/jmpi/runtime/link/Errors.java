package jmpi.runtime.link;

import java.util.concurrent.CompletionException;
import jmpi.MPI;
import jmpi.MPIException;

/** What a waiting caller throws when the work it waited for failed elsewhere. */
public final class Errors {
    private Errors() {
    }

    /** The failure itself, out of the wrappers a future puts around it; an Error is thrown as it is. */
    public static RuntimeException unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof RuntimeException re) {
            return re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        return new MPIException(MPI.ERR_OTHER, String.valueOf(t), t);
    }
}
