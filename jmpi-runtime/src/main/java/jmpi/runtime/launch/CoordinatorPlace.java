package jmpi.runtime.launch;

import java.util.List;
import java.util.Map;
import jmpi.Config;

/**
 * Where a job's coordinator listens, as every rank of the job works it out alike from its
 * configuration and its job manager's environment: the host the others reach it on, the address rank 0
 * binds (none when the coordinator runs elsewhere, JMPI_ADDR), and the ports to try.
 *
 * <p>A port is given by JMPI_PORT (or a configuration's own); else, for a job with a token (jmpirun's,
 * or one derived from mpirun's or srun's job id), the ports come from the token ({@link JobPorts}), so
 * that jobs sharing a host never meet on one port. The host is loopback unless the job spans hosts:
 * then it is {@value #RANK0_HOST} when set, else under srun the first host of the step's node list,
 * where Slurm starts task 0.
 */
public record CoordinatorPlace(String host, String bindHost, List<Integer> ports, boolean portGiven) {
    /** The variable that names rank 0's host for a job across hosts whose launcher does not tell. */
    public static final String RANK0_HOST = "JMPI_RANK0_HOST";
    static final String LOOPBACK = "127.0.0.1";

    /** This place with the one port the coordinator listens on. */
    CoordinatorPlace at(int port) {
        return new CoordinatorPlace(host, bindHost, List.of(port), portGiven);
    }

    /** The place for config in a process whose environment is env. */
    public static CoordinatorPlace of(Config config, Map<String, String> env) {
        if (config.addr() != null) {
            return new CoordinatorPlace(config.addr(), null, List.of(config.port()), true);
        }
        // with MQTT the port is the broker's, and the broker is local unless JMPI_ADDR names it
        boolean mqtt = "mqtt".equals(config.proto());
        boolean given = isSet(env.get("JMPI_PORT")) || config.port() != Config.DEFAULT_PORT
                || config.token() == null || mqtt;
        List<Integer> ports = given ? List.of(config.port()) : JobPorts.of(config.token());
        String rank0 = mqtt ? null : rank0Host(config, env);
        return rank0 == null ? new CoordinatorPlace(LOOPBACK, LOOPBACK, ports, given)
                : new CoordinatorPlace(rank0, "0.0.0.0", ports, given);
    }

    /** Rank 0's host when the job spans hosts; null when it runs on this one. */
    static String rank0Host(Config config, Map<String, String> env) {
        String named = env.get(RANK0_HOST);
        if (isSet(named)) {
            return named.trim();
        }
        if (config.size() == 1) {
            return null;
        }
        if (underSrun(env)) {
            String var = isSet(env.get("SLURM_STEP_NODELIST")) ? "SLURM_STEP_NODELIST"
                    : isSet(env.get("SLURM_JOB_NODELIST")) ? "SLURM_JOB_NODELIST" : "SLURM_NODELIST";
            String list = env.get(var);
            if (!isSet(list)) {
                return null;
            }
            List<String> hosts;
            try {
                hosts = HostList.expand(list.trim());
            } catch (IllegalArgumentException e) {
                throw new JobSetupException(var + ": " + e.getMessage() + "; set " + RANK0_HOST
                        + " to the host of rank 0 (or JMPI_ADDR to a jmpi-server's)");
            }
            return hosts.stream().distinct().count() > 1 ? hosts.get(0) : null;
        }
        String local = env.get("OMPI_COMM_WORLD_LOCAL_SIZE");
        if (isSet(local) && isSet(env.get("OMPI_COMM_WORLD_SIZE"))
                && !local.trim().equals(env.get("OMPI_COMM_WORLD_SIZE").trim())) {
            throw new JobSetupException("this job's " + config.size() + " ranks run on several hosts ("
                    + local.trim() + " on this one), and mpirun does not tell where rank 0 runs: add -x "
                    + RANK0_HOST + "=<rank 0's host> to mpirun's line (or run jmpi-server and set JMPI_ADDR)");
        }
        return null;
    }

    /** Rank and size came from srun's own variables, not from a launcher started inside the allocation. */
    private static boolean underSrun(Map<String, String> env) {
        return isSet(env.get("SLURM_PROCID")) && !isSet(env.get("JMPI_RANK"))
                && !isSet(env.get("OMPI_COMM_WORLD_RANK"));
    }

    private static boolean isSet(String v) {
        return v != null && !v.isBlank();
    }
}
