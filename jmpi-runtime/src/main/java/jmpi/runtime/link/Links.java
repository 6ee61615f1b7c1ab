package jmpi.runtime.link;

import jmpi.Config;

/** Opens a rank's link to its coordinator, of the kind its transport calls for. */
public final class Links {
    private Links() {
    }

    /**
     * Connects as config.rank(), retrying until JMPI_WAIT runs out, and introduces the rank.
     *
     * @param data where the rank's data link listens, for its hello; null for none
     */
    public static Link toCoordinator(Config config, String host, int port, String data) {
        return callerDriven(config) ? SocketOpening.open(config, host, port, data)
                : ChannelLink.open(config, host, port, data);
    }

    /**
     * Plain TCP connections are read and written by the calling threads themselves; TLS and the other
     * transports go through Netty. {@code -Djmpi.nettyClient=true} makes TCP go through Netty too.
     */
    private static boolean callerDriven(Config config) {
        return "tcp".equals(config.proto()) && !config.ssl() && !Boolean.getBoolean("jmpi.nettyClient");
    }
}
