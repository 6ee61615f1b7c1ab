package jmpi.runtime.link;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * A rank's thread for what its senders could not write at once: links still connecting, and frames
 * that found a link's socket (or pipe) full. A sender writes to the socket itself when it can; this
 * thread finishes the rest when the socket has room again, or when the reader of a pipe rings back on
 * the socket, so that no sender (and never the thread that routes what arrives) waits for a peer to read.
 */
final class PeerWriter {
    private static final System.Logger LOG = System.getLogger(PeerWriter.class.getName());

    /** What the writer calls back on a link. */
    interface Writable {
        /** The link's connection opened, or failed to. */
        void connected(SocketChannel ch);

        /** The link's socket has room: writes what waits; false once nothing does. */
        boolean drain();

        /** The link could not connect in time, or its connection failed. */
        void failed(Throwable why);

        /** When a link still connecting gives up, in System.nanoTime. */
        long connectDeadline();

        /** The link's socket broke (or its peer closed it) while frames waited for room. */
        void broken(IOException why);
    }

    private record Interest(SocketChannel ch, Writable link, int ops) {
    }

    private final Selector selector;
    private final Thread thread;
    private final Queue<Interest> interests = new ConcurrentLinkedQueue<>();
    private final ByteBuffer rings = ByteBuffer.allocate(64);
    private volatile boolean closing;
    /** Links still connecting, whose deadlines the loop checks; only the writer's thread counts them. */
    private int connecting;

    PeerWriter(String name) throws IOException {
        this.selector = Selector.open();
        this.thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    boolean isWriterThread() {
        return Thread.currentThread() == thread;
    }

    /** Watches ch until it connects. */
    void connecting(SocketChannel ch, Writable link) {
        interests.add(new Interest(ch, link, SelectionKey.OP_CONNECT));
        selector.wakeup();
    }

    /** Writes link's waiting frames as ch has room. */
    void pending(SocketChannel ch, Writable link) {
        interests.add(new Interest(ch, link, SelectionKey.OP_WRITE));
        if (!isWriterThread()) {
            selector.wakeup();
        }
    }

    /** Writes link's waiting frames into its pipe as its reader, ringing on ch, says there is room. */
    void roomAwaited(SocketChannel ch, Writable link) {
        interests.add(new Interest(ch, link, SelectionKey.OP_READ));
        if (!isWriterThread()) {
            selector.wakeup();
        }
    }

    private void loop() {
        LinkThreads.enter();
        while (!closing) {
            try {
                register();
                selector.select(connecting > 0 ? TimeUnit.SECONDS.toMillis(1) : 0);
                for (Iterator<SelectionKey> it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                    SelectionKey key = it.next();
                    it.remove();
                    serve(key);
                }
                if (connecting > 0) {
                    expireConnects();
                }
            } catch (ClosedSelectorException e) {
                return;
            } catch (IOException | RuntimeException e) {
                if (!closing) {
                    LOG.log(System.Logger.Level.ERROR, "the peer links' writer failed: " + e);
                }
                return;
            }
        }
    }

    private void register() {
        Interest i;
        while ((i = interests.poll()) != null) {
            try {
                SelectionKey key = i.ch().keyFor(selector);
                if (key == null) {
                    i.ch().register(selector, i.ops(), i.link());
                    if (i.ops() == SelectionKey.OP_CONNECT) {
                        connecting++;
                    }
                } else if (key.isValid()) {
                    key.interestOps(key.interestOps() | i.ops());
                }
                // the reader may have made room before it was asked to ring
                if (i.ops() == SelectionKey.OP_READ && !i.link().drain()) {
                    SelectionKey k = i.ch().keyFor(selector);
                    if (k != null && k.isValid()) {
                        k.interestOps(k.interestOps() & ~SelectionKey.OP_READ);
                    }
                }
            } catch (IOException | RuntimeException e) {
                i.link().failed(e);
            }
        }
    }

    private void serve(SelectionKey key) {
        Writable link = (Writable) key.attachment();
        if (!key.isValid()) {
            return;
        }
        if (key.isConnectable()) {
            SocketChannel ch = (SocketChannel) key.channel();
            try {
                if (ch.finishConnect()) {
                    connecting--;
                    key.interestOps(0);
                    link.connected(ch);
                }
            } catch (IOException e) {
                connecting--;
                key.cancel();
                link.failed(e);
            }
        } else if (key.isReadable()) {
            roomRung((SocketChannel) key.channel(), key, link);
        } else if (key.isWritable() && !link.drain()) {
            key.interestOps(0);
        }
    }

    /** The reader of a link's pipe rang: its bytes say only that, so they are skipped. */
    private void roomRung(SocketChannel ch, SelectionKey key, Writable link) {
        try {
            if (PipeChannel.skipRings(ch, rings)) {
                throw new IOException("the peer closed the link");
            }
        } catch (IOException e) {
            key.cancel();
            link.broken(e);
            return;
        }
        if (!link.drain()) {
            key.interestOps(0);
        }
    }

    private void expireConnects() {
        long now = System.nanoTime();
        for (SelectionKey key : selector.keys()) {
            if (key.isValid() && (key.interestOps() & SelectionKey.OP_CONNECT) != 0
                    && key.attachment() instanceof Writable link && now - link.connectDeadline() > 0) {
                connecting--;
                key.cancel();
                link.failed(new IOException("no connection within "
                        + TimeUnit.MILLISECONDS.toSeconds(PolledOut.CONNECT_TIMEOUT_MS) + " s"));
            }
        }
    }

    void close() {
        closing = true;
        selector.wakeup();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
            selector.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // closing: the selector goes either way
        }
    }
}
