package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import jmpi.Config;
import jmpi.MPI;
import jmpi.MPIException;
import org.junit.jupiter.api.Test;

/** Options from the environment: rank and size from every launcher, sizes, durations, tokens. */
class ConfigTest {

    @Test
    void defaults() {
        Config c = Config.fromEnvironment(Map.of());
        assertEquals(0, c.rank());
        assertEquals(1, c.size());
        assertEquals(61642, c.port());
        assertNull(c.addr());
        assertNull(c.token());
        assertEquals("tcp", c.proto());
    }

    @Test
    void rankAndSizeInPriorityOrder() {
        assertEquals(2, Config.fromEnvironment(Map.of("JMPI_RANK", "2", "JMPI_SIZE", "4",
                "OMPI_COMM_WORLD_RANK", "1", "OMPI_COMM_WORLD_SIZE", "4")).rank());
        Config ompi = Config.fromEnvironment(Map.of("OMPI_COMM_WORLD_RANK", "1", "OMPI_COMM_WORLD_SIZE", "3",
                "SLURM_PROCID", "0", "SLURM_NTASKS", "3"));
        assertEquals(1, ompi.rank());
        assertEquals(3, ompi.size());
        Config pmi = Config.fromEnvironment(Map.of("PMI_RANK", "3", "PMI_SIZE", "5"));
        assertEquals(3, pmi.rank());
        assertEquals(5, pmi.size());
        Config slurm = Config.fromEnvironment(Map.of("SLURM_PROCID", "6", "SLURM_NTASKS", "8"));
        assertEquals(6, slurm.rank());
        assertEquals(8, slurm.size());
    }

    @Test
    void jobIdGivesEveryRankTheSameTokenAndTwoJobsDifferentOnes() {
        Config a0 = Config.fromEnvironment(Map.of("SLURM_PROCID", "0", "SLURM_NTASKS", "2", "SLURM_JOB_ID", "77"));
        Config a1 = Config.fromEnvironment(Map.of("SLURM_PROCID", "1", "SLURM_NTASKS", "2", "SLURM_JOB_ID", "77"));
        Config b0 = Config.fromEnvironment(Map.of("SLURM_PROCID", "0", "SLURM_NTASKS", "2", "SLURM_JOB_ID", "78"));
        assertNotNull(a0.token());
        assertEquals(a0.token(), a1.token());
        assertNotEquals(a0.token(), b0.token());
        // srun starts job steps: each step is a job of its own
        Config step1 = Config.fromEnvironment(Map.of("SLURM_PROCID", "0", "SLURM_NTASKS", "2", "SLURM_JOB_ID", "77",
                "SLURM_STEP_ID", "1"));
        assertNotEquals(a0.token(), step1.token());
        // mpirun's job id, which every rank of one mpirun sees
        Config m0 = Config.fromEnvironment(Map.of("OMPI_COMM_WORLD_RANK", "0", "OMPI_COMM_WORLD_SIZE", "2",
                "OMPI_MCA_ess_base_jobid", "724697089"));
        Config m1 = Config.fromEnvironment(Map.of("OMPI_COMM_WORLD_RANK", "1", "OMPI_COMM_WORLD_SIZE", "2",
                "OMPI_MCA_ess_base_jobid", "724697089"));
        assertNotNull(m0.token());
        assertEquals(m0.token(), m1.token());
        Config explicit = Config.fromEnvironment(Map.of("JMPI_TOKEN", "mine", "SLURM_JOB_ID", "77"));
        assertEquals("mine", explicit.token());
    }

    @Test
    void options() {
        Config c = Config.fromEnvironment(Map.of("JMPI_ADDR", "127.0.0.1", "JMPI_PORT", "5000",
                "JMPI_WAIT", "500ms", "JMPI_SERIAL", "a.B, c.D", "JMPI_SERIAL_SIZE", "64M",
                "JMPI_SERIAL_QUEUE", "1k", "JMPI_SSL", "yes", "JMPI_PROTO", "MQTT"));
        assertEquals("127.0.0.1", c.addr());
        assertEquals(5000, c.port());
        assertEquals(Duration.ofMillis(500), c.waitTime());
        assertEquals(List.of("a.B", "c.D"), c.serial());
        assertEquals(64 << 20, c.serialSize());
        assertEquals(1024, c.serialQueue());
        assertEquals(true, c.ssl());
        assertEquals("mqtt", c.proto());
        assertEquals(Duration.ofSeconds(2), Config.fromEnvironment(Map.of("JMPI_WAIT", "2")).waitTime());
        assertEquals(Duration.ofMinutes(1), Config.fromEnvironment(Map.of("JMPI_WAIT", "PT1M")).waitTime());
        assertEquals(64 << 20, Config.fromEnvironment(Map.of()).shm());
        assertEquals(1 << 30, Config.fromEnvironment(Map.of("JMPI_SHM", "1G")).shm());
        assertEquals(0, Config.fromEnvironment(Map.of("JMPI_SHM", "0")).shm());
    }

    @Test
    void badValuesAreClearErrors() {
        MPIException e = assertThrows(MPIException.class, () -> Config.fromEnvironment(Map.of("JMPI_PORT", "x")));
        assertEquals(MPI.ERR_ARG, e.errorClass());
        assertThrows(MPIException.class, () -> Config.fromEnvironment(Map.of("JMPI_SERIAL_SIZE", "-3")));
        assertThrows(MPIException.class, () -> Config.fromEnvironment(Map.of("JMPI_WAIT", "soon")));
        MPIException shm = assertThrows(MPIException.class, () -> Config.fromEnvironment(Map.of("JMPI_SHM", "4G")));
        assertTrue(shm.getMessage().contains("JMPI_SHM"), shm.getMessage());
        MPIException r = assertThrows(MPIException.class,
                () -> Config.fromEnvironment(Map.of("JMPI_RANK", "4", "JMPI_SIZE", "4")));
        assertEquals(MPI.ERR_RANK, r.errorClass());
    }

    @Test
    void builderRoundTrip() {
        Config c = Config.builder().rank(1).size(3).port(0).token("t").serial(List.of("x.Y")).build();
        Config d = c.toBuilder().build();
        assertEquals(c.toString(), d.toString());
        assertEquals(List.of("x.Y"), d.serial());
    }
}
