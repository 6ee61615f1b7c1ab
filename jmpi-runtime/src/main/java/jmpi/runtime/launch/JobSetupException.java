package jmpi.runtime.launch;

import jmpi.MPI;
import jmpi.MPIException;

/**
 * A job that cannot start as its environment describes it (a port taken, a node list that cannot be
 * read, a host nobody named): the message says what to set, and a stack trace would only bury it, so
 * there is none.
 */
final class JobSetupException extends MPIException {
    private static final long serialVersionUID = 1L;

    JobSetupException(String message) {
        super(MPI.ERR_ARG, message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
