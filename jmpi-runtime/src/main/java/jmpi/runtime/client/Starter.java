package jmpi.runtime.client;

import jmpi.Request;

/**
 * An operation whose arguments are checked and whose buffers, peers and algorithm are fixed: started
 * once by a nonblocking call, or at each start of a persistent request. Each start reads the send
 * buffer's contents as they are then.
 */
@FunctionalInterface
interface Starter<T> {
    Request<T> start();
}
