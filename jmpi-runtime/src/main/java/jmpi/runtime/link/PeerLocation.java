package jmpi.runtime.link;

import java.net.InetSocketAddress;

/**
 * Where a peer listens for its data links, and whether it maps this rank's shared-memory segment (the
 * coordinator mapped both ranks' segments, so they share its host): frames to it may then name blocks
 * of the segment instead of carrying their bytes.
 *
 * @param address the peer's listener
 * @param sharedMemory whether large parts may go to the peer as names of shared-memory blocks
 */
public record PeerLocation(InetSocketAddress address, boolean sharedMemory) {
}
