package jmpi.tests.topo;

import static jmpi.tests.Check.fails;
import static jmpi.tests.Check.same;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import jmpi.MPI;
import jmpi.Request;
import jmpi.Topocomm;
import jmpi.tests.Messages;
import jmpi.tests.RankSuite;
import jmpi.tests.RankTest;
import jmpi.tests.ops.Unlisted;

/** neighbor_allgather and neighbor_alltoall on objects, on every topology, after mpi4py's test_cco_ngh_obj. */
public class NeighborObjectSuite extends RankSuite {

    @RankTest
    public void testNeighborAllgather() {
        for (Topocomm t : Topologies.create(comm())) {
            int[] in = t.inedges();
            for (Object message : Messages.ALL) {
                List<Object> got = t.neighbor_allgather(message);
                assertEquals(in.length, got.size());
                for (int i = 0; i < in.length; i++) {
                    if (in[i] == MPI.PROC_NULL) {
                        assertNull(got.get(i));
                    } else {
                        same(message, got.get(i));
                    }
                }
            }
            // each block is its in-neighbour's own
            List<Integer> ranks = t.neighbor_allgather(t.rank());
            for (int i = 0; i < in.length; i++) {
                assertEquals(in[i] == MPI.PROC_NULL ? null : in[i], ranks.get(i));
            }
            t.Free();
        }
    }

    @RankTest
    public void testNeighborAlltoall() {
        for (Topocomm t : Topologies.create(comm())) {
            int[] in = t.inedges();
            int[] from = Topologies.senderBlocks(t);
            for (Object message : Messages.ALL) {
                List<Object> same = new ArrayList<>();
                for (int j = 0; j < t.outdegree(); j++) {
                    same.add(message);
                }
                List<Object> got = t.neighbor_alltoall(same);
                for (int i = 0; i < in.length; i++) {
                    if (in[i] == MPI.PROC_NULL) {
                        assertNull(got.get(i));
                    } else {
                        same(message, got.get(i));
                    }
                }
            }
            List<String> labels = new ArrayList<>();
            for (int j = 0; j < t.outdegree(); j++) {
                labels.add(t.rank() + ":" + j);
            }
            List<String> got = t.<String>ineighbor_alltoall(labels).waitFor();
            for (int i = 0; i < in.length; i++) {
                assertEquals(in[i] == MPI.PROC_NULL ? null : in[i] + ":" + from[i], got.get(i), "block " + i);
            }
            t.Free();
        }
    }

    @RankTest
    public void testOverlappingRequests() {
        for (Topocomm t : Topologies.create(comm())) {
            int[] in = t.inedges();
            Request<List<Integer>> first = t.ineighbor_allgather(t.rank());
            Request<List<Integer>> second = t.ineighbor_allgather(-t.rank() - 1);
            List<Integer> late = second.waitFor();
            List<Integer> early = first.waitFor();
            for (int i = 0; i < in.length; i++) {
                assertEquals(in[i] == MPI.PROC_NULL ? null : in[i], early.get(i));
                assertEquals(in[i] == MPI.PROC_NULL ? null : -in[i] - 1, late.get(i));
            }
            t.Free();
        }
    }

    @RankTest
    public void testWrongNumberOfItems() {
        for (Topocomm t : Topologies.create(comm())) {
            List<Integer> tooMany = new ArrayList<>();
            for (int j = 0; j <= t.outdegree(); j++) {
                tooMany.add(j);
            }
            fails(MPI.ERR_COUNT, () -> t.neighbor_alltoall(tooMany));
            fails(MPI.ERR_COUNT, () -> t.neighbor_alltoall(null));
            // an object that may not cross the wire: refused before anything is posted or sent
            if (t.outdegree() > 0 && t.outedges()[0] != MPI.PROC_NULL) {
                fails(MPI.ERR_ARG, () -> t.neighbor_allgather(new Unlisted(1)));
            }
            // the failed calls sent nothing: the next collective still lines up
            assertEquals(t.indegree(), t.neighbor_allgather("after").size());
            t.Free();
        }
    }
}
