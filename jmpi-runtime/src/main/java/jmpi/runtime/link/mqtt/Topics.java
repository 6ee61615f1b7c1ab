package jmpi.runtime.link.mqtt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A job's topics on the broker. They sit under {@code jmpi/<job>/}, where {@code <job>} is a hash of the
 * job token (never the token), so two jobs on one broker never meet:
 * {@code coordinator} (retained: the coordinator's id while it is there), {@code c/<conn>} (a rank's
 * connection to the coordinator) and {@code r/<conn>} (the coordinator to that connection).
 */
record Topics(String job) {
    private static final SecureRandom RANDOM = new SecureRandom();

    static Topics of(String token) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest(("jmpi-mqtt:" + (token == null ? "" : token)).getBytes(StandardCharsets.UTF_8));
            return new Topics(HexFormat.of().formatHex(h, 0, 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh identifier for a connection or a coordinator; also its MQTT client id. */
    static String newId() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    String prefix() {
        return "jmpi/" + job + "/";
    }

    String presence() {
        return prefix() + "coordinator";
    }

    String toCoordinator(String conn) {
        return prefix() + "c/" + conn;
    }

    /** Every rank connection's topic, for the coordinator's subscription. */
    String toCoordinatorAll() {
        return prefix() + "c/+";
    }

    String toRank(String conn) {
        return prefix() + "r/" + conn;
    }

    /** The connection a topic of {@link #toCoordinatorAll()} belongs to, or null. */
    String connOf(String topic) {
        String p = prefix() + "c/";
        return topic.startsWith(p) && topic.length() > p.length() ? topic.substring(p.length()) : null;
    }
}
