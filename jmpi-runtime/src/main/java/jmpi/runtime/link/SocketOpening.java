package jmpi.runtime.link;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.CompletionException;
import jmpi.Config;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.runtime.link.shm.Arena;
import jmpi.runtime.wire.FrameCodec;
import jmpi.runtime.wire.Hello;

/**
 * How a rank's {@link SocketLink} to the coordinator opens: connect, retrying while the coordinator
 * is not listening yet, offer shared memory, say hello, and wait for the welcome. A coordinator that
 * closes the connection without a word before its welcome turned the rank away at the door (too many
 * strangers wait there): that is tried again too, until JMPI_WAIT runs out.
 */
final class SocketOpening {
    private SocketOpening() {
    }

    /** The coordinator closed the connection before its welcome, without a word. */
    static final class TurnedAway extends RuntimeException {
        TurnedAway(Throwable cause) {
            super(cause);
        }
    }

    /** Connects, retrying until config.waitTime() runs out, and introduces this rank. */
    static SocketLink open(Config config, String host, int port, String data) {
        ConnectRetry retry = new ConnectRetry(config, host, port);
        while (true) {
            try {
                return attempt(config, host, port, data, retry);
            } catch (TurnedAway e) {
                pause(retry.nextDelayMs(e.getCause()));
            }
        }
    }

    private static SocketLink attempt(Config config, String host, int port, String data, ConnectRetry retry) {
        long deadline = retry.deadline();
        Socket s = connect(retry, host, port);
        // offered over plain TCP only: the other transports are chosen for the path the bytes take
        Arena arena = config.shm() > 0 ? Arena.create(config.shm()) : null;
        SocketLink c;
        try {
            c = new SocketLink(s, config, arena);
        } catch (IOException | RuntimeException e) {
            SocketLink.closeQuietly(s);
            if (arena != null) {
                arena.delete();
            }
            throw new MPIException(MPI.ERR_OTHER, "cannot use the connection to " + host + ":" + port + ": " + e, e);
        }
        boolean welcomed = false;
        try {
            c.introduce(new Hello(FrameCodec.VERSION, config.rank(), config.size(), config.token(),
                    arena == null ? null : arena.name(), data, MPI.Get_processor_name()), deadline, host + ":" + port);
            welcomed = true;
            return c;
        } catch (CompletionException e) {
            throw Errors.unwrap(e.getCause());
        } catch (IOException e) {
            throw new MPIException(MPI.ERR_OTHER, "cannot use the connection to " + host + ":" + port + ": " + e, e);
        } finally {
            if (!welcomed) {
                c.discard();
            }
        }
    }

    /** Tries to connect; on refusal tries again after a short, growing pause until JMPI_WAIT runs out. */
    private static Socket connect(ConnectRetry retry, String host, int port) {
        InetSocketAddress address = new InetSocketAddress(host, port);
        while (true) {
            Socket s = new Socket();
            long delayMs;
            try {
                s.setTcpNoDelay(true);
                s.connect(address, 5000);
                return s;
            } catch (IOException e) {
                SocketLink.closeQuietly(s);
                delayMs = retry.nextDelayMs(e);
            }
            // the coordinator is not listening yet: nothing to wait on but time
            pause(delayMs);
        }
    }

    private static void pause(long delayMs) {
        try {
            Thread.sleep(delayMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MPIException(MPI.ERR_OTHER, "interrupted while connecting", e);
        }
    }
}
