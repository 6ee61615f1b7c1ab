package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
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
        assertEquals(Duration.ofMillis(10), c.spin());
    }

    @Test
    void spinTakesMicrosecondsAndZero() {
        assertEquals(Duration.ofNanos(500_000), Config.fromEnvironment(Map.of("JMPI_SPIN", "500us")).spin());
        assertEquals(Duration.ZERO, Config.fromEnvironment(Map.of("JMPI_SPIN", "0")).spin());
        assertEquals(Duration.ofMillis(2), Config.fromEnvironment(Map.of("JMPI_SPIN", "2ms")).spin());
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
        assertEquals(3L << 30, Config.fromEnvironment(Map.of("JMPI_SERIAL_SIZE", "3GiB")).serialSize());
        assertEquals(1L << 40, Config.fromEnvironment(Map.of("JMPI_SERIAL_SIZE", "1T")).serialSize());
    }

    /** Asserts that the environment is refused with errorClass and a message that names what to fix. */
    private static void refused(Map<String, String> env, int errorClass, String... named) {
        MPIException e = assertThrows(MPIException.class, () -> Config.fromEnvironment(env));
        assertEquals(errorClass, e.errorClass(), e::toString);
        for (String n : named) {
            assertTrue(e.getMessage().contains(n), () -> "'" + n + "' not in: " + e.getMessage());
        }
    }

    @Test
    void badValuesAreClearErrors() {
        refused(Map.of("JMPI_PORT", "x"), MPI.ERR_ARG, "JMPI_PORT", "'x'");
        refused(Map.of("JMPI_SERIAL_SIZE", "-3"), MPI.ERR_ARG, "JMPI_SERIAL_SIZE", "'-3'");
        refused(Map.of("JMPI_SERIAL_SIZE", "2TiB"), MPI.ERR_ARG, "JMPI_SERIAL_SIZE", "at most 1TiB");
        refused(Map.of("JMPI_SERIAL_SIZE", "99999999999T"), MPI.ERR_ARG, "JMPI_SERIAL_SIZE", "'99999999999T'");
        refused(Map.of("JMPI_WAIT", "soon"), MPI.ERR_ARG, "JMPI_WAIT", "'soon'", "500ms");
        refused(Map.of("JMPI_HANG_WARN", "later"), MPI.ERR_ARG, "JMPI_HANG_WARN", "'later'");
        refused(Map.of("JMPI_SHM", "4G"), MPI.ERR_ARG, "JMPI_SHM", "2 GiB");
        refused(Map.of("JMPI_SPIN", "busy"), MPI.ERR_ARG, "JMPI_SPIN", "'busy'", "50us");
        refused(Map.of("JMPI_SPIN", "-1ms"), MPI.ERR_ARG, "JMPI_SPIN", "negative");
        refused(Map.of("JMPI_RANK", "4", "JMPI_SIZE", "4"), MPI.ERR_RANK, "rank 4 out of range [0, 4)");
    }

    /** Every option a builder copies, read through the accessors rather than a string that may leave some out. */
    @Test
    void builderRoundTrip() throws Exception {
        Config c = Config.builder().rank(1).size(3).addr("10.0.0.7").port(0).waitTime(Duration.ofSeconds(7))
                .serial(List.of("x.Y")).serialSize(1 << 20).serialQueue(4096).shm(1 << 22).proto("mqtt").ssl(true)
                .sslKey("k.pem").sslCert("c.pem").sslCa("ca.pem").token("t").statusPort(8080)
                .hangWarning(Duration.ofSeconds(3)).opTimeout(Duration.ofSeconds(9)).data(Config.DATA_DIRECT).eager(1 << 12).abortOnException(false)
                .spin(Duration.ofMillis(3)).build();
        Config d = c.toBuilder().build();
        int compared = 0;
        for (Method m : Config.class.getMethods()) {
            if (m.getDeclaringClass() == Config.class && m.getParameterCount() == 0
                    && !Modifier.isStatic(m.getModifiers()) && m.getReturnType() != Config.Builder.class
                    && !List.of("toString", "hashCode").contains(m.getName())) {
                assertEquals(m.invoke(c), m.invoke(d), m.getName());
                compared++;
            }
        }
        assertEquals(22, compared, "every option of Config has an accessor compared here");
        assertEquals(Duration.ofSeconds(9), d.opTimeout());
        assertEquals(List.of("x.Y"), d.serial());
        assertEquals("10.0.0.7", d.addr());
        assertEquals(Duration.ofSeconds(3), d.hangWarning());
        // set, it wins over the transport's default (coordinator for MQTT)
        assertEquals(Config.DATA_DIRECT, d.data());
        assertEquals(1 << 12, d.eager());
        assertEquals(false, d.abortOnException());
        assertEquals(Duration.ofMillis(3), d.spin());
    }
}
