package jmpi;

import java.nio.ByteBuffer;
import java.util.ServiceLoader;
import jmpi.spi.Windows;

/**
 * A window for one-sided communication: each rank of a communicator exposes memory of its own, which
 * the other ranks read and write with {@link #Put}, {@link #Get}, {@link #Accumulate} and the
 * atomic {@link #Fetch_and_op} and {@link #Compare_and_swap}, without the owner taking part.
 *
 * <p>A target is named by its rank and a displacement in units of that rank's {@code dispUnit}.
 * Accesses happen in epochs: between two {@link #Fence()} calls of every rank (active target), or
 * between {@link #Lock(int, int)} and {@link #Unlock(int)} of one target, or {@link #Lock_all()} and
 * {@link #Unlock_all()} (passive target). An access outside an epoch fails with
 * {@link MPI#ERR_RMA_SYNC}; one past the end of the target's memory with {@link MPI#ERR_RMA_RANGE};
 * any call on a freed window with {@link MPI#ERR_WIN}. A passive target needs to call nothing: its
 * runtime applies what arrives while its program computes. Accumulates to one location are atomic per
 * element. Buffers are primitive arrays or nio buffers (their remaining elements), of any element
 * type; a target's memory holds little-endian bytes.
 *
 * {@snippet class=jmpi.WinSnippets region=fetch-and-op}
 */
public abstract class Win {
    /** For the runtime's implementation. */
    protected Win() {
    }

    /**
     * Makes a window of memory it allocates, zeroed (collective over comm).
     *
     * @param bytes    the size of this rank's part, 0 to {@code Integer.MAX_VALUE - 8}; ERR_ARG otherwise
     * @param dispUnit the bytes one unit of displacement stands for, at this rank; ERR_ARG unless positive
     * @param comm     the ranks of the window
     * @return the window; its memory is {@link #tomemory()}
     */
    public static Win allocate(long bytes, int dispUnit, Comm comm) {
        return windows().allocate(bytes, dispUnit, comm);
    }

    /**
     * As {@link #allocate(long, int, Comm)} with a displacement unit of one byte.
     *
     * @param bytes the size of this rank's part
     * @param comm  the ranks of the window
     * @return the window
     */
    public static Win allocate(long bytes, Comm comm) {
        return allocate(bytes, 1, comm);
    }

    /**
     * Makes a window over buf (collective over comm): the targets' operations read and write buf itself.
     *
     * @param buf      a primitive array or nio buffer (its elements from position to limit); ERR_BUFFER otherwise
     * @param dispUnit the bytes one unit of displacement stands for, at this rank; ERR_ARG unless positive
     * @param comm     the ranks of the window
     * @return the window
     */
    public static Win create(Object buf, int dispUnit, Comm comm) {
        return windows().create(buf, dispUnit, comm);
    }

    /**
     * As {@link #create(Object, int, Comm)} with a displacement unit of one byte.
     *
     * @param buf  a primitive array or nio buffer
     * @param comm the ranks of the window
     * @return the window
     */
    public static Win create(Object buf, Comm comm) {
        return create(buf, 1, comm);
    }

    private static Windows windows() {
        return ServiceLoader.load(Windows.class, Win.class.getClassLoader()).findFirst()
                .or(() -> ServiceLoader.load(Windows.class).findFirst())
                .orElseThrow(() -> new MPIException(MPI.ERR_OTHER,
                        "no jmpi runtime with windows found: put jmpi-runtime on the module path (or class path)"));
    }

    /**
     * This rank's memory of the window as little-endian bytes: an allocated window's own, or a byte
     * buffer or {@code byte[]} given to {@link #create}. Read it inside an epoch that covers this rank
     * (or after {@link #Sync()}). ERR_BUFFER for a window over another element type: read that buffer.
     *
     * @return a view of the memory, position 0, limit its size
     */
    public abstract ByteBuffer tomemory();

    /**
     * Writes origin's elements to the target, from displacement targetDisp; completes once origin may be reused.
     *
     * @param origin     the elements to write
     * @param targetRank the target's rank in the window's communicator
     * @param targetDisp where they go, in units of the target's dispUnit
     * @return the request
     */
    public abstract Request<Void> Rput(Object origin, int targetRank, long targetDisp);

    /**
     * As {@link #Rput(Object, int, long)} at displacement 0.
     *
     * @param origin     the elements to write
     * @param targetRank the target's rank
     * @return the request
     */
    public Request<Void> Rput(Object origin, int targetRank) {
        return Rput(origin, targetRank, 0);
    }

    /**
     * Writes origin's elements to the target, from displacement targetDisp; see {@link #Rput(Object, int, long)}.
     *
     * @param origin     the elements to write
     * @param targetRank the target's rank in the window's communicator
     * @param targetDisp where they go, in units of the target's dispUnit
     */
    public void Put(Object origin, int targetRank, long targetDisp) {
        Rput(origin, targetRank, targetDisp).waitFor();
    }

    /**
     * As {@link #Put(Object, int, long)} at displacement 0.
     *
     * @param origin     the elements to write
     * @param targetRank the target's rank
     */
    public void Put(Object origin, int targetRank) {
        Put(origin, targetRank, 0);
    }

    /**
     * Reads the target's elements into origin (as many as origin holds), from displacement targetDisp.
     *
     * @param origin     where the elements go
     * @param targetRank the target's rank in the window's communicator
     * @param targetDisp where they are read, in units of the target's dispUnit
     * @return the request, complete once origin holds them
     */
    public abstract Request<Void> Rget(Object origin, int targetRank, long targetDisp);

    /**
     * As {@link #Rget(Object, int, long)} at displacement 0.
     *
     * @param origin     where the elements go
     * @param targetRank the target's rank
     * @return the request
     */
    public Request<Void> Rget(Object origin, int targetRank) {
        return Rget(origin, targetRank, 0);
    }

    /**
     * Reads the target's elements into origin; returns once they are there.
     *
     * @param origin     where the elements go
     * @param targetRank the target's rank in the window's communicator
     * @param targetDisp where they are read, in units of the target's dispUnit
     */
    public void Get(Object origin, int targetRank, long targetDisp) {
        Rget(origin, targetRank, targetDisp).waitFor();
    }

    /**
     * As {@link #Get(Object, int, long)} at displacement 0.
     *
     * @param origin     where the elements go
     * @param targetRank the target's rank
     */
    public void Get(Object origin, int targetRank) {
        Get(origin, targetRank, 0);
    }

    /**
     * Combines origin's elements into the target's, element by element and atomically per element:
     * target = target op origin; {@link MPI#REPLACE} writes origin, {@link MPI#NO_OP} changes nothing.
     *
     * @param origin     the elements to combine
     * @param targetRank the target's rank in the window's communicator
     * @param targetDisp where, in units of the target's dispUnit
     * @param op         a predefined operation that applies to origin's element type; ERR_OP otherwise
     * @return the request, complete once origin may be reused
     */
    public abstract Request<Void> Raccumulate(Object origin, int targetRank, long targetDisp, Op op);

    /**
     * As {@link #Raccumulate(Object, int, long, Op)} with {@link MPI#SUM}.
     *
     * @param origin     the elements to combine
     * @param targetRank the target's rank
     * @param targetDisp where, in units of the target's dispUnit
     * @return the request
     */
    public Request<Void> Raccumulate(Object origin, int targetRank, long targetDisp) {
        return Raccumulate(origin, targetRank, targetDisp, MPI.SUM);
    }

    /**
     * Combines origin's elements into the target's; see {@link #Raccumulate(Object, int, long, Op)}.
     *
     * @param origin     the elements to combine
     * @param targetRank the target's rank in the window's communicator
     * @param targetDisp where, in units of the target's dispUnit
     * @param op         a predefined operation
     */
    public void Accumulate(Object origin, int targetRank, long targetDisp, Op op) {
        Raccumulate(origin, targetRank, targetDisp, op).waitFor();
    }

    /**
     * As {@link #Accumulate(Object, int, long, Op)} with {@link MPI#SUM}.
     *
     * @param origin     the elements to combine
     * @param targetRank the target's rank
     * @param targetDisp where, in units of the target's dispUnit
     */
    public void Accumulate(Object origin, int targetRank, long targetDisp) {
        Accumulate(origin, targetRank, targetDisp, MPI.SUM);
    }

    /**
     * As {@link #Accumulate(Object, int, long, Op)} at displacement 0 with {@link MPI#SUM}.
     *
     * @param origin     the elements to combine
     * @param targetRank the target's rank
     */
    public void Accumulate(Object origin, int targetRank) {
        Accumulate(origin, targetRank, 0, MPI.SUM);
    }

    /**
     * Reads the target's elements into result and combines origin's into them, atomically per element.
     *
     * @param origin     the elements to combine; null with {@link MPI#NO_OP}, which only reads
     * @param result     where the target's elements before the operation go: as many, of the same type
     * @param targetRank the target's rank in the window's communicator
     * @param targetDisp where, in units of the target's dispUnit
     * @param op         a predefined operation that applies to the element type; ERR_OP otherwise
     * @return the request, complete once result holds the elements
     */
    public abstract Request<Void> Rget_accumulate(Object origin, Object result, int targetRank, long targetDisp,
            Op op);

    /**
     * As {@link #Rget_accumulate(Object, Object, int, long, Op)} with {@link MPI#SUM}.
     *
     * @param origin     the elements to combine
     * @param result     where the target's elements before the operation go
     * @param targetRank the target's rank
     * @param targetDisp where, in units of the target's dispUnit
     * @return the request
     */
    public Request<Void> Rget_accumulate(Object origin, Object result, int targetRank, long targetDisp) {
        return Rget_accumulate(origin, result, targetRank, targetDisp, MPI.SUM);
    }

    /**
     * Reads the target's elements into result and combines origin's into them; returns once result holds them.
     *
     * @param origin     the elements to combine; null with {@link MPI#NO_OP}
     * @param result     where the target's elements before the operation go
     * @param targetRank the target's rank in the window's communicator
     * @param targetDisp where, in units of the target's dispUnit
     * @param op         a predefined operation
     */
    public void Get_accumulate(Object origin, Object result, int targetRank, long targetDisp, Op op) {
        Rget_accumulate(origin, result, targetRank, targetDisp, op).waitFor();
    }

    /**
     * As {@link #Get_accumulate(Object, Object, int, long, Op)} with {@link MPI#SUM}.
     *
     * @param origin     the elements to combine
     * @param result     where the target's elements before the operation go
     * @param targetRank the target's rank
     * @param targetDisp where, in units of the target's dispUnit
     */
    public void Get_accumulate(Object origin, Object result, int targetRank, long targetDisp) {
        Get_accumulate(origin, result, targetRank, targetDisp, MPI.SUM);
    }

    /**
     * As {@link #Get_accumulate(Object, Object, int, long, Op)} at displacement 0 with {@link MPI#SUM}.
     *
     * @param origin     the elements to combine
     * @param result     where the target's elements before the operation go
     * @param targetRank the target's rank
     */
    public void Get_accumulate(Object origin, Object result, int targetRank) {
        Get_accumulate(origin, result, targetRank, 0, MPI.SUM);
    }

    /**
     * One element, atomically: result[0] = target; target = target op origin[0].
     *
     * @param origin     its first element is the operand; null with {@link MPI#NO_OP}
     * @param result     its first element receives the target's value before the operation
     * @param targetRank the target's rank in the window's communicator
     * @param targetDisp where, in units of the target's dispUnit
     * @param op         a predefined operation
     */
    public abstract void Fetch_and_op(Object origin, Object result, int targetRank, long targetDisp, Op op);

    /**
     * As {@link #Fetch_and_op(Object, Object, int, long, Op)} with {@link MPI#SUM}.
     *
     * @param origin     its first element is the operand
     * @param result     its first element receives the target's value before the operation
     * @param targetRank the target's rank
     * @param targetDisp where, in units of the target's dispUnit
     */
    public void Fetch_and_op(Object origin, Object result, int targetRank, long targetDisp) {
        Fetch_and_op(origin, result, targetRank, targetDisp, MPI.SUM);
    }

    /**
     * As {@link #Fetch_and_op(Object, Object, int, long, Op)} at displacement 0 with {@link MPI#SUM}.
     *
     * @param origin     its first element is the operand
     * @param result     its first element receives the target's value before the operation
     * @param targetRank the target's rank
     */
    public void Fetch_and_op(Object origin, Object result, int targetRank) {
        Fetch_and_op(origin, result, targetRank, 0, MPI.SUM);
    }

    /**
     * One element, atomically: result[0] = target; if it equals compare[0] (bit for bit), target = origin[0].
     *
     * @param origin     its first element is the new value
     * @param compare    its first element is the value compared with, of the same type
     * @param result     its first element receives the target's value before, of the same type
     * @param targetRank the target's rank in the window's communicator
     * @param targetDisp where, in units of the target's dispUnit
     */
    public abstract void Compare_and_swap(Object origin, Object compare, Object result, int targetRank,
            long targetDisp);

    /**
     * As {@link #Compare_and_swap(Object, Object, Object, int, long)} at displacement 0.
     *
     * @param origin     its first element is the new value
     * @param compare    its first element is the value compared with
     * @param result     its first element receives the target's value before
     * @param targetRank the target's rank
     */
    public void Compare_and_swap(Object origin, Object compare, Object result, int targetRank) {
        Compare_and_swap(origin, compare, result, targetRank, 0);
    }

    /**
     * Ends the epoch of every rank (collective): this rank's operations are complete at their targets,
     * and every rank's at this rank's memory; starts the next one.
     *
     * @param assertion {@code MPI.MODE_*} flags or 0; {@link MPI#MODE_NOSUCCEED} starts no epoch
     */
    public abstract void Fence(int assertion);

    /** As {@link #Fence(int)} with no assertion. */
    public void Fence() {
        Fence(0);
    }

    /**
     * Starts an access epoch to one target: waits until the target grants the lock (exclusive locks
     * in the order they were asked for; shared locks together). ERR_RMA_SYNC if this rank holds a lock
     * of that target already.
     *
     * @param lockType  {@link MPI#LOCK_EXCLUSIVE} or {@link MPI#LOCK_SHARED}; ERR_ARG otherwise
     * @param rank      the target's rank in the window's communicator
     * @param assertion {@link MPI#MODE_NOCHECK} or 0
     */
    public abstract void Lock(int lockType, int rank, int assertion);

    /**
     * As {@link #Lock(int, int, int)} with no assertion.
     *
     * @param lockType {@link MPI#LOCK_EXCLUSIVE} or {@link MPI#LOCK_SHARED}
     * @param rank     the target's rank
     */
    public void Lock(int lockType, int rank) {
        Lock(lockType, rank, 0);
    }

    /**
     * As {@link #Lock(int, int, int)}, exclusive, as mpi4py's default.
     *
     * @param rank the target's rank
     */
    public void Lock(int rank) {
        Lock(MPI.LOCK_EXCLUSIVE, rank, 0);
    }

    /**
     * Ends the access epoch to rank: this rank's operations on it are complete there, and the lock is
     * released. ERR_RMA_SYNC without a {@link #Lock(int, int)} of that rank.
     *
     * @param rank the target's rank
     */
    public abstract void Unlock(int rank);

    /**
     * A shared lock of every rank of the window.
     *
     * @param assertion {@link MPI#MODE_NOCHECK} or 0
     */
    public abstract void Lock_all(int assertion);

    /** As {@link #Lock_all(int)} with no assertion. */
    public void Lock_all() {
        Lock_all(0);
    }

    /** Ends the epoch of {@link #Lock_all()}; ERR_RMA_SYNC without one. */
    public abstract void Unlock_all();

    /**
     * Completes this rank's operations on rank at the target, inside a passive epoch.
     *
     * @param rank the target's rank
     */
    public abstract void Flush(int rank);

    /** Completes this rank's operations on every target, inside a passive epoch. */
    public abstract void Flush_all();

    /**
     * Completes this rank's operations on rank locally; jmpi completes them at the target.
     *
     * @param rank the target's rank
     */
    public void Flush_local(int rank) {
        Flush(rank);
    }

    /** Completes this rank's operations locally; jmpi completes them at their targets. */
    public void Flush_local_all() {
        Flush_all();
    }

    /** Makes this rank's view of its own memory agree with what the window's operations wrote to it. */
    public abstract void Sync();

    /** Frees the window (collective); this rank must hold no lock. Later calls fail with ERR_WIN. */
    public abstract void free();

    /** As {@link #free()}, mpi4py's other spelling. */
    public void Free() {
        free();
    }
}
