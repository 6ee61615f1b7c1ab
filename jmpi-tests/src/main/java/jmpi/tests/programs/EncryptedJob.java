package jmpi.tests.programs;

import jmpi.Comm;
import jmpi.MPI;

/**
 * Sends rank to rank and reduces, then prints where its CA came from: under {@code jmpirun --tls} every
 * link is TLS and the certificate files are the job's own.
 */
public final class EncryptedJob {
    private EncryptedJob() {
    }

    public static void main(String[] args) {
        MPI.Init();
        Comm c = MPI.COMM_WORLD;
        int next = (c.rank() + 1) % c.size();
        int prev = (c.rank() + c.size() - 1) % c.size();
        c.send(c.rank(), next);
        int got = c.<Integer>recv(prev);
        int sum = c.allreduce(c.rank());
        System.out.println("rank " + c.rank() + " got " + got + " sum " + sum + " ssl " + System.getenv("JMPI_SSL")
                + " ca " + System.getenv("JMPI_SSL_CA"));
        MPI.Finalize();
    }
}
