package jmpi.runtime.coordinator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import jmpi.runtime.link.shm.Segment;
import jmpi.runtime.link.shm.ShmLink;
import jmpi.runtime.wire.FrameCodec;
import jmpi.runtime.wire.Hello;

/**
 * Who may join: a rank of the right protocol, job size and token, not connected already; and whether
 * it shares this host, proven by mapping the shared-memory segment it offers.
 */
final class Admission {
    private static final System.Logger LOG = System.getLogger(Admission.class.getName());
    /** The name of the coordinator's own host among the hosts of ranks. */
    private static final String THIS_HOST = "/";

    /** The token every rank must present, or null to take the first rank's as the job's (a standalone server). */
    private final String requiredToken;
    /** The job size every rank must claim, or 0 for any. */
    private final int expectedSize;
    private boolean shm;

    Admission(String requiredToken, int expectedSize) {
        this.requiredToken = requiredToken;
        this.expectedSize = expectedSize;
    }

    /** Lets ranks on this host exchange large payloads through their shared-memory segments. */
    void acceptShm(boolean accept) {
        this.shm = accept;
    }

    /** Why a rank may not join the current job (null between jobs), or null if it may. */
    String refusal(Job job, Hello h) {
        if (h.version() != FrameCodec.VERSION) {
            return "protocol version " + h.version() + " is not " + FrameCodec.VERSION;
        }
        if (h.size() < 1 || (expectedSize > 0 && h.size() != expectedSize) || (job != null && h.size() != job.size)) {
            return "job size " + h.size() + " does not match this job's size " + (job != null ? job.size : expectedSize);
        }
        if (h.rank() < 0 || h.rank() >= h.size()) {
            return "rank " + h.rank() + " out of range [0, " + h.size() + ")";
        }
        if (!tokenMatches(job, h.token())) {
            return "wrong job token";
        }
        if (job != null && (job.ports[h.rank()] != null || job.left[h.rank()])) {
            return "rank " + h.rank() + " is already connected";
        }
        return null;
    }

    private boolean tokenMatches(Job job, String token) {
        String expected = requiredToken != null ? requiredToken : job == null ? null : job.token;
        if (expected == null) {
            return requiredToken != null || job == null || token == null;
        }
        return token != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Which host a rank is on, as a name equal for the ranks of one host: where the rank connects from
     * (the coordinator's own host for a rank whose shared memory it mapped or that connects from one
     * of its addresses), then the host name the rank said; through a broker, where the address is
     * not to be seen, the name alone. A rank that said no name is alone.
     */
    static String hostOf(RankPort port, Hello h, boolean sharesMemory) {
        String said = h.host() != null ? h.host() : "rank " + h.rank();
        String ip = port.host();
        if (sharesMemory) {
            return THIS_HOST + said;
        }
        if (ip == null) {
            return "?/" + said;
        }
        try {
            InetAddress a = InetAddress.getByName(ip);
            return (a.isLoopbackAddress() || NetworkInterface.getByInetAddress(a) != null ? THIS_HOST : ip + "/") + said;
        } catch (IOException e) {
            return ip + "/" + said;
        }
    }

    /**
     * Maps the segment a rank offered: if that works, it lies on this host (the header proves it is
     * the rank's file), and its frames may name blocks in it and in its peers' segments.
     */
    boolean mapSegment(Job job, RankPort port, Hello h) {
        if (!shm || h.shm() == null) {
            return false;
        }
        try {
            Segment.open(h.shm());
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "rank {0} is not on this host, or its shared memory is not ours to map: {1}",
                    h.rank(), e);
            return false;
        }
        job.segments[h.rank()] = h.shm();
        // a rank may name only this job's segments: the reference counts of any other are not its to touch
        String[] names = job.segments;
        port.allowShared(new ShmLink(null, true, name -> Arrays.asList(names).contains(name)));
        return true;
    }
}
