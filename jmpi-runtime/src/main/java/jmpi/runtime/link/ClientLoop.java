package jmpi.runtime.link;

import io.netty.channel.EventLoopGroup;
import java.util.concurrent.TimeUnit;

/**
 * The one event loop that the process's Netty-carried links share: replies are decoded there, off
 * the program's threads. It lives while some link holds it.
 */
final class ClientLoop {
    private static EventLoopGroup loop;
    private static int users;

    private ClientLoop() {
    }

    static synchronized EventLoopGroup acquire() {
        if (users++ == 0) {
            loop = Netty.newGroup(1, "jmpi-client");
        }
        return loop;
    }

    /**
     * The last holder stops the loop and waits for its thread: the JVM's exit waits up to 0.3 s for
     * threads inside native code, and an idle loop sits in epoll_wait.
     */
    static synchronized void release() {
        if (--users == 0) {
            EventLoopGroup g = loop;
            loop = null;
            g.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }
}
