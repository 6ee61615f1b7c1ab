package jmpi.runtime.p2p;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.runtime.link.Link;
import jmpi.runtime.link.PeerLocation;
import jmpi.runtime.wire.PeerQuery;
import jmpi.runtime.wire.Reply;

/** Asks the coordinator where a peer's data link listens. */
final class PeerDirectory {
    private final Link coordinator;

    PeerDirectory(Link coordinator) {
        this.coordinator = coordinator;
    }

    CompletableFuture<PeerLocation> lookup(int rank) {
        CompletableFuture<PeerLocation> found = new CompletableFuture<>();
        int reqId = coordinator.nextId();
        coordinator.send(new PeerQuery(reqId, rank), reqId, reply -> {
            if (reply.status() != Reply.OK) {
                found.completeExceptionally(reply.error().toException());
                return;
            }
            try {
                // a second part: both ranks share the coordinator's host and their segments are mapped
                found.complete(new PeerLocation(parse(reply.parts()[0].toString(StandardCharsets.UTF_8)),
                        reply.parts().length > 1));
            } catch (RuntimeException e) {
                found.completeExceptionally(e);
            }
        });
        return found;
    }

    /** {@code host:port}, the host in brackets if it is an IPv6 address. */
    static InetSocketAddress parse(String address) {
        int colon = address.lastIndexOf(':');
        if (colon < 1) {
            throw new MPIException(MPI.ERR_OTHER, "a peer address without a host: " + address);
        }
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return InetSocketAddress.createUnresolved(host, Integer.parseInt(address.substring(colon + 1)));
    }
}
