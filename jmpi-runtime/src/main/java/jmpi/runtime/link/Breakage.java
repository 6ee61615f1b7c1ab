package jmpi.runtime.link;

import java.io.IOException;

/**
 * Says in one line why a connection broke, for the log. A socket's failure (reset, aborted, refused)
 * is the network's or the peer's doing, not a fault of this program: its message is what a reader
 * needs, and the name of the transport's exception class would only look like a crash.
 */
public final class Breakage {
    private Breakage() {
    }

    /** One line: the operating system's words for a socket's failure, the whole throwable otherwise. */
    public static String of(Throwable cause) {
        if (cause instanceof IOException && cause.getMessage() != null) {
            return "the connection failed: " + cause.getMessage();
        }
        return String.valueOf(cause);
    }
}
