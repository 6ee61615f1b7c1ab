package jmpi.runtime.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import jmpi.Config;
import jmpi.MPIException;
import org.junit.jupiter.api.Test;

/** Where every rank of a job looks for its coordinator, from what its job manager tells it. */
class CoordinatorPlaceTest {

    private static Map<String, String> srun(int rank, String job, String step, String nodes) {
        Map<String, String> env = new HashMap<>(Map.of("SLURM_PROCID", Integer.toString(rank), "SLURM_NTASKS", "4",
                "SLURM_JOB_ID", job, "SLURM_STEP_ID", step));
        if (nodes != null) {
            env.put("SLURM_STEP_NODELIST", nodes);
        }
        return env;
    }

    private static CoordinatorPlace place(Map<String, String> env) {
        return CoordinatorPlace.of(Config.fromEnvironment(env), env);
    }

    @Test
    void ranksOfOneJobDeriveTheSamePortsAndAnotherJobOthers() {
        CoordinatorPlace a0 = place(srun(0, "41", "0", "n1"));
        CoordinatorPlace a3 = place(srun(3, "41", "0", "n1"));
        CoordinatorPlace b = place(srun(0, "41", "1", "n1"));
        assertEquals(a0, a3);
        assertEquals(JobPorts.COUNT, a0.ports().size());
        assertEquals(JobPorts.COUNT, new HashSet<>(a0.ports()).size());
        assertNotEquals(a0.ports().get(0), b.ports().get(0));
        for (int p : a0.ports()) {
            assertTrue(p >= JobPorts.FIRST && p < JobPorts.END, Integer.toString(p));
        }
        assertEquals("127.0.0.1", a0.host());
        assertEquals("127.0.0.1", a0.bindHost());
    }

    @Test
    void aPortGivenIsTheOnlyPort() {
        Map<String, String> env = srun(1, "41", "0", "n1");
        env.put("JMPI_PORT", "61642");
        assertEquals(new CoordinatorPlace("127.0.0.1", "127.0.0.1", List.of(61642), true), place(env));
        // no job manager, no token: the default port, as ever
        assertEquals(List.of(Config.DEFAULT_PORT), place(Map.of("JMPI_RANK", "1", "JMPI_SIZE", "2")).ports());
        env.put("JMPI_ADDR", "server1");
        assertEquals(new CoordinatorPlace("server1", null, List.of(61642), true), place(env));
    }

    @Test
    void acrossNodesUnderSrunRankZeroIsOnTheFirstNodeAndListensOnEveryAddress() {
        CoordinatorPlace p = place(srun(2, "7", "0", "node[07-08],gpu1"));
        assertEquals("node07", p.host());
        assertEquals("0.0.0.0", p.bindHost());
        // the job's node list when the step's is missing
        Map<String, String> env = srun(2, "7", "0", null);
        env.put("SLURM_JOB_NODELIST", "c[3,5]");
        assertEquals("c3", place(env).host());
        // the one that names it wins
        env.put(CoordinatorPlace.RANK0_HOST, "head");
        assertEquals("head", place(env).host());
    }

    @Test
    void aNodeListThatCannotBeReadIsAnErrorThatQuotesItAndNamesTheWayOut() {
        MPIException e = assertThrows(MPIException.class, () -> place(srun(1, "7", "0", "node[01-")));
        assertTrue(e.getMessage().contains("'node[01-'"), e.getMessage());
        assertTrue(e.getMessage().contains("SLURM_STEP_NODELIST"), e.getMessage());
        assertTrue(e.getMessage().contains(CoordinatorPlace.RANK0_HOST), e.getMessage());
    }

    @Test
    void mpirunAcrossHostsWithoutRankZerosHostSaysWhatToAdd() {
        Map<String, String> env = new HashMap<>(Map.of("OMPI_COMM_WORLD_RANK", "3", "OMPI_COMM_WORLD_SIZE", "4",
                "OMPI_COMM_WORLD_LOCAL_SIZE", "2", "OMPI_MCA_ess_base_jobid", "123"));
        MPIException e = assertThrows(MPIException.class, () -> place(env));
        assertTrue(e.getMessage().contains("-x " + CoordinatorPlace.RANK0_HOST + "="), e.getMessage());
        env.put(CoordinatorPlace.RANK0_HOST, "h1");
        assertEquals("h1", place(env).host());
        env.put("OMPI_COMM_WORLD_LOCAL_SIZE", "4");
        env.remove(CoordinatorPlace.RANK0_HOST);
        assertEquals("127.0.0.1", place(env).host());
    }
}
