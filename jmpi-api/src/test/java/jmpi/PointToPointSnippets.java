package jmpi;

import java.util.Arrays;

/**
 * The point-to-point examples of the API's Javadoc ({@code {@snippet class=... region=...}}), compiled
 * here so that they stay true to the API.
 */
final class PointToPointSnippets {
    private PointToPointSnippets() {
    }

    static int buffers(Comm comm) {
        // @start region="buffers"
        double[] row = new double[1024];
        if (comm.rank() == 0) {
            Arrays.fill(row, 1.5);
            comm.Send(row, 1, 7);                             // to rank 1, tag 7
        } else if (comm.rank() == 1) {
            Status status = comm.Recv(row, 0, 7);             // fills row in place
            int received = status.count();                    // elements: 1024
        }
        // @end
        return row.length;
    }

    static int[] mprobe(Comm comm) {
        // @start region="mprobe"
        Message m = comm.mprobe(MPI.ANY_SOURCE, 7);
        int[] buf = new int[m.status().count()];              // sized for the message
        m.Recv(buf);
        // @end
        return buf;
    }
}
