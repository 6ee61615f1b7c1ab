package jmpi.spi;

import jmpi.MPI;
import jmpi.MPIException;

/**
 * The space attached for buffered sends ({@code Bsend}): the process's, attached with
 * {@link MPI#Attach_buffer}, or a communicator's. Each buffered message holds its bytes plus
 * {@link MPI#BSEND_OVERHEAD} until it has gone; detaching waits for that.
 */
public final class BufferSpace {
    /** The process's buffer, which a communicator without its own uses. */
    public static final BufferSpace PROCESS = new BufferSpace("the process's (MPI.Attach_buffer)");

    private final String whose;
    private int size = -1;
    private long used;

    /**
     * An empty space, nothing attached.
     *
     * @param whose names the space in error messages, as in {@code "the process's (MPI.Attach_buffer)"}
     */
    public BufferSpace(String whose) {
        this.whose = whose;
    }

    /**
     * Attaches bytes of space; ERR_BUFFER if some is attached already or bytes is negative.
     *
     * @param bytes the size in bytes
     */
    public synchronized void attach(int bytes) {
        if (bytes < 0) {
            throw new MPIException(MPI.ERR_BUFFER, "cannot attach a buffer of " + bytes + " bytes");
        }
        if (size >= 0) {
            throw new MPIException(MPI.ERR_BUFFER, whose + " buffer of " + size
                    + " bytes is attached already; detach it first");
        }
        size = bytes;
    }

    /**
     * Whether space is attached.
     *
     * @return true if attached
     */
    public synchronized boolean attached() {
        return size >= 0;
    }

    /**
     * Waits until every message in the space has gone, then detaches it; returns its size.
     *
     * @return the detached size in bytes; ERR_BUFFER if none is attached
     */
    public synchronized int detach() {
        if (size < 0) {
            throw new MPIException(MPI.ERR_BUFFER, "no buffer is attached as " + whose + " buffer");
        }
        while (used > 0) {
            try {
                // woken as messages go; the timeout only bounds a missed wake-up
                wait(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MPIException(MPI.ERR_OTHER, "interrupted while detaching " + whose + " buffer", e);
            }
        }
        int was = size;
        size = -1;
        return was;
    }

    /**
     * Takes room for a message of bytes; ERR_BUFFER, naming what is free, if the space cannot hold it
     * beside the messages that have not gone yet.
     *
     * @param bytes the message's size; {@link MPI#BSEND_OVERHEAD} is added
     */
    public synchronized void reserve(long bytes) {
        long need = bytes + MPI.BSEND_OVERHEAD;
        if (size < 0) {
            throw new MPIException(MPI.ERR_BUFFER, "a buffered send needs an attached buffer: call MPI.Attach_buffer"
                    + " (or the communicator's Attach_buffer) with room for its messages first");
        }
        if (need > size - used) {
            throw new MPIException(MPI.ERR_BUFFER, "a buffered send of " + bytes + " bytes needs " + need
                    + " bytes of " + whose + " buffer, which has " + (size - used) + " of " + size
                    + " free; attach a larger buffer, or wait for earlier messages to go");
        }
        used += need;
    }

    /**
     * Gives back the room of a message of bytes that has gone.
     *
     * @param bytes the message's size, as reserved
     */
    public synchronized void release(long bytes) {
        used -= bytes + MPI.BSEND_OVERHEAD;
        notifyAll();
    }
}
