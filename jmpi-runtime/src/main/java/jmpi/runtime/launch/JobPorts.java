package jmpi.runtime.launch;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The ports a job's coordinator may listen on when no port is given: a sequence that every rank of the
 * job derives alike from its job token, and another job (another token) derives differently. Rank 0
 * takes the first port that is free; the other ranks try them in order, and know their coordinator by
 * its welcome (any other job's refuses their token). The ports lie below Linux's ephemeral range
 * (32768 and up), so that no outgoing connection is handed one of them by the kernel.
 */
public final class JobPorts {
    /** The lowest port of the sequence. */
    public static final int FIRST = 10_000;
    /** One past the highest. */
    public static final int END = 32_768;
    /** How many ports a job tries. */
    public static final int COUNT = 16;

    private JobPorts() {
    }

    /** The job's ports, in the order rank 0 tries them, each once. */
    public static List<Integer> of(String token) {
        Set<Integer> ports = new LinkedHashSet<>();
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (int i = 0; ports.size() < COUNT; i++) {
                byte[] h = sha.digest(("jmpi-port:" + i + ":" + token).getBytes(StandardCharsets.UTF_8));
                int n = ((h[0] & 0xff) << 24 | (h[1] & 0xff) << 16 | (h[2] & 0xff) << 8 | (h[3] & 0xff)) >>> 1;
                ports.add(FIRST + n % (END - FIRST));
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return List.copyOf(ports);
    }
}
