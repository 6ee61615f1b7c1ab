package jmpi;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Supplier;
import jmpi.spi.BufferSpace;

/**
 * The entry point: communicators, constants, reduce operations, and the life cycle.
 *
 * <p>Using {@link #COMM_WORLD} initializes jmpi from the environment if {@link #Init()} has not been
 * called, as importing mpi4py does; a program that returns from {@code main} without
 * {@link #Finalize()} is finalized by a shutdown hook. A process that ends otherwise before Finalize
 * ({@code System.exit}, a signal, an exception out of {@code main}, which aborts the job) leaves as a
 * failed rank: the other ranks' operations that need it fail with {@link ProcessFailedException}.
 */
public final class MPI {
    /** Matches a message from any source. */
    public static final int ANY_SOURCE = -1;
    /** Matches a message with any tag. */
    public static final int ANY_TAG = -1;
    /** The null process: sends to it complete at once, receives from it give {@code null}. */
    public static final int PROC_NULL = -2;
    /**
     * The root of an intercommunicator's rooted collective, as the root itself passes it; the other
     * members of its group pass {@link #PROC_NULL}.
     */
    public static final int ROOT = -4;
    /** An undefined value, for example the colour that gives {@link #COMM_NULL} in {@code Split}. */
    public static final int UNDEFINED = -32766;
    /** The largest tag a message may carry. */
    public static final int TAG_UB = Integer.MAX_VALUE;

    /** No error: the error class of a status whose operation succeeded. */
    public static final int SUCCESS = 0;
    /** Error class: an argument is not a buffer, is read-only, or an attached buffer is missing or full. */
    public static final int ERR_BUFFER = 1;
    /** Error class: a count, or the number of items or elements, does not fit the operation. */
    public static final int ERR_COUNT = 2;
    /** Error class: the element type of a buffer does not match the message. */
    public static final int ERR_TYPE = 3;
    /** Error class: a tag out of range. */
    public static final int ERR_TAG = 4;
    /** Error class: the communicator is freed, {@link #COMM_NULL}, or jmpi is finalized. */
    public static final int ERR_COMM = 5;
    /** Error class: a rank (dest or source) out of range. */
    public static final int ERR_RANK = 6;
    /** Error class: a request used in a state that does not allow it. */
    public static final int ERR_REQUEST = 7;
    /** Error class: a root out of range. */
    public static final int ERR_ROOT = 8;
    /** Error class: an invalid group. */
    public static final int ERR_GROUP = 9;
    /** Error class: a reduce operation that is null, unknown or does not apply to the data. */
    public static final int ERR_OP = 10;
    /** Error class: an invalid topology. */
    public static final int ERR_TOPOLOGY = 11;
    /** Error class: invalid dimensions. */
    public static final int ERR_DIMS = 12;
    /** Error class: another argument is invalid. */
    public static final int ERR_ARG = 13;
    /** Error class: an unknown error. */
    public static final int ERR_UNKNOWN = 14;
    /** Error class: a message longer than the buffer that receives it. */
    public static final int ERR_TRUNCATE = 15;
    /** Error class: an error that no other class describes. */
    public static final int ERR_OTHER = 16;
    /** Error class: an internal error. */
    public static final int ERR_INTERN = 17;
    /** Error class: the error is in a status. */
    public static final int ERR_IN_STATUS = 18;
    /** Error class: the operation is still pending. */
    public static final int ERR_PENDING = 19;
    /** Error class: an invalid attribute key. */
    public static final int ERR_KEYVAL = 36;
    /** Error class: a one-sided access out of synchronization. */
    public static final int ERR_RMA_SYNC = 47;
    /** Error class: an invalid window. */
    public static final int ERR_WIN = 53;
    /** Error class: a one-sided access outside its window. */
    public static final int ERR_RMA_RANGE = 55;
    /** Error class: a rank the operation needs has failed (see {@link ProcessFailedException}). */
    public static final int ERR_PROC_FAILED = 75;
    /** Error class: a receive from {@link #ANY_SOURCE} is pending while a rank has failed. */
    public static final int ERR_PROC_FAILED_PENDING = 76;
    /** Error class: the communicator has been revoked. */
    public static final int ERR_REVOKED = 77;
    /** jmpi's own: an operation waited longer than it was allowed to (MPI has no number for it). */
    public static final int ERR_TIMEOUT = 78;

    /**
     * Thread level: one thread only. jmpi is thread-safe, and provides {@link #THREAD_MULTIPLE}
     * whatever level is asked.
     */
    public static final int THREAD_SINGLE = 0;
    /** Thread level: only the thread that initialized jmpi makes calls. */
    public static final int THREAD_FUNNELED = 1;
    /** Thread level: any thread makes calls, one at a time. */
    public static final int THREAD_SERIALIZED = 2;
    /** Thread level: any thread makes calls, at any time. */
    public static final int THREAD_MULTIPLE = 3;

    /** Comparison result: the same group, or the same communicator. */
    public static final int IDENT = 0;
    /** Comparison result: communicators of the same processes in the same order, with separate traffic. */
    public static final int CONGRUENT = 1;
    /** Comparison result: the same processes in another order. */
    public static final int SIMILAR = 2;
    /** Comparison result: different processes. */
    public static final int UNEQUAL = 3;
    /** {@code Comm.Split_type} type: the ranks that share a host, and so could share memory. */
    public static final int COMM_TYPE_SHARED = 1;
    /** The group of no process. */
    public static final Group GROUP_EMPTY = Group.EMPTY;

    /** The bytes of attached buffer a buffered send needs beyond its message. */
    public static final int BSEND_OVERHEAD = 64;

    /** Topology of a graph communicator ({@link Comm#Get_topology()}). */
    public static final int GRAPH = 1;
    /** Topology of a Cartesian communicator ({@link Comm#Get_topology()}). */
    public static final int CART = 2;
    /** Topology of a distributed graph communicator ({@link Comm#Get_topology()}). */
    public static final int DIST_GRAPH = 3;

    /** The message a matched probe of {@link #PROC_NULL} takes. */
    public static final Message MESSAGE_NO_PROC = new NoProcMessage();

    /** Use as send buffer where MPI allows it: the receive buffer holds this rank's input. */
    public static final Object IN_PLACE = new Object() {
        @Override
        public String toString() {
            return "MPI.IN_PLACE";
        }
    };

    /** One-sided: an exclusive lock of a window ({@link Win#Lock(int, int)}); no other lock coexists with it. */
    public static final int LOCK_EXCLUSIVE = 1;
    /** One-sided: a shared lock of a window ({@link Win#Lock(int, int)}); shared locks coexist. */
    public static final int LOCK_SHARED = 2;
    /** One-sided assertion: no other rank holds or asks for a conflicting lock (a hint; jmpi checks anyway). */
    public static final int MODE_NOCHECK = 1;
    /** One-sided assertion for {@link Win#Fence(int)}: no operation of this rank precedes the fence (a hint). */
    public static final int MODE_NOPRECEDE = 2;
    /** One-sided assertion: the window is not the target of a put or accumulate until the next fence (a hint). */
    public static final int MODE_NOPUT = 4;
    /** One-sided assertion: the window's memory was not stored to locally since the last fence (a hint). */
    public static final int MODE_NOSTORE = 8;
    /** One-sided assertion for {@link Win#Fence(int)}: no epoch follows; accesses until the next fence fail. */
    public static final int MODE_NOSUCCEED = 16;

    /** The maximum (see {@link Op#MAX}). */
    public static final Op MAX = Op.MAX;
    /** The minimum (see {@link Op#MIN}). */
    public static final Op MIN = Op.MIN;
    /** The sum (see {@link Op#SUM}). */
    public static final Op SUM = Op.SUM;
    /** The product (see {@link Op#PROD}). */
    public static final Op PROD = Op.PROD;
    /** Logical and (see {@link Op#LAND}). */
    public static final Op LAND = Op.LAND;
    /** Bit-wise and (see {@link Op#BAND}). */
    public static final Op BAND = Op.BAND;
    /** Logical or (see {@link Op#LOR}). */
    public static final Op LOR = Op.LOR;
    /** Bit-wise or (see {@link Op#BOR}). */
    public static final Op BOR = Op.BOR;
    /** Logical exclusive or (see {@link Op#LXOR}). */
    public static final Op LXOR = Op.LXOR;
    /** Bit-wise exclusive or (see {@link Op#BXOR}). */
    public static final Op BXOR = Op.BXOR;
    /** The minimum value and its index (see {@link Op#MINLOC}). */
    public static final Op MINLOC = Op.MINLOC;
    /** The maximum value and its index (see {@link Op#MAXLOC}). */
    public static final Op MAXLOC = Op.MAXLOC;
    /** Keeps the highest rank's value (see {@link Op#REPLACE}). */
    public static final Op REPLACE = Op.REPLACE;
    /** Keeps the lowest rank's value (see {@link Op#NO_OP}). */
    public static final Op NO_OP = Op.NO_OP;

    /** Every rank of the job. */
    public static final Comm COMM_WORLD = delegate("MPI.COMM_WORLD", () -> session().world());
    /** This rank alone. */
    public static final Comm COMM_SELF = delegate("MPI.COMM_SELF", () -> session().self());
    /**
     * No communicator: every operation fails with {@link #ERR_COMM}. It is also a {@link Cartcomm} and a
     * {@link Distgraphcomm}, what the ranks outside a new topology get.
     */
    public static final Comm COMM_NULL = delegate("MPI.COMM_NULL", () -> {
        throw new MPIException(ERR_COMM, "operation on MPI.COMM_NULL");
    }, Cartcomm.class, Distgraphcomm.class);

    private static final Object LOCK = new Object();
    private static volatile Session session;
    private static volatile boolean finalized;
    private static final long EPOCH = System.nanoTime();

    private MPI() {
    }

    /**
     * The extents of a balanced grid of nnodes nodes (MPI's {@code MPI_Dims_create}): each 0 of dims is
     * computed, the given extents are kept, and the computed ones are as close to each other as the
     * divisors allow, in non-increasing order. dims itself is left as it is.
     *
     * @param nnodes the number of nodes, 1 or more
     * @param dims   one entry per dimension: an extent of 1 or more to keep, 0 to compute
     * @return a new array of the extents, whose product is nnodes
     * @throws MPIException ERR_DIMS for a negative entry, or given extents whose product does not
     *                      divide nnodes (or, with none to compute, is not nnodes); ERR_ARG for nnodes below 1
     */
    public static int[] Compute_dims(int nnodes, int[] dims) {
        return Dims.compute(nnodes, dims);
    }

    /**
     * The extents of a balanced grid of nnodes nodes in ndims dimensions, non-increasing (see
     * {@link #Compute_dims(int, int[])}).
     *
     * @param nnodes the number of nodes, 1 or more
     * @param ndims  the number of dimensions, 0 or more
     * @return the extents, whose product is nnodes
     */
    public static int[] Compute_dims(int nnodes, int ndims) {
        if (ndims < 0) {
            throw new MPIException(ERR_DIMS, "Compute_dims needs 0 dimensions or more, not " + ndims);
        }
        return Dims.compute(nnodes, new int[ndims]);
    }

    /** Initializes jmpi from the environment ({@link Config#fromEnvironment()}). */
    public static void Init() {
        Init(Config.fromEnvironment());
    }

    /**
     * Initializes jmpi with the given options; connects this rank to the job. ERR_OTHER if jmpi is
     * initialized or finalized already.
     *
     * @param config the options
     */
    public static void Init(Config config) {
        synchronized (LOCK) {
            if (finalized) {
                throw new MPIException(ERR_OTHER, "MPI.Init after MPI.Finalize");
            }
            if (session != null) {
                throw new MPIException(ERR_OTHER, "MPI.Init called twice");
            }
            session = Runtimes.provider().connectProcess(config);
            Thread hook = new Thread(MPI::Finalize, "jmpi-finalize");
            Runtime.getRuntime().addShutdownHook(hook);
        }
    }

    /** Finalizes (collective over the world): waits for every rank, then disconnects. Idempotent. */
    public static void Finalize() {
        Session s;
        synchronized (LOCK) {
            if (finalized || session == null) {
                finalized = session != null || finalized;
                return;
            }
            s = session;
            finalized = true;
        }
        s.close();
    }

    /**
     * Whether jmpi has been initialized.
     *
     * @return true once {@code Init} has run
     */
    public static boolean Is_initialized() {
        return session != null;
    }

    /**
     * Initializes jmpi, asking for a thread level; returns the level provided, which is always
     * {@link #THREAD_MULTIPLE}: every call may come from any thread.
     *
     * @param required the level asked for, {@link #THREAD_SINGLE} to {@link #THREAD_MULTIPLE}; ERR_ARG otherwise
     * @return {@link #THREAD_MULTIPLE}
     */
    public static int Init_thread(int required) {
        if (required < THREAD_SINGLE || required > THREAD_MULTIPLE) {
            throw new MPIException(ERR_ARG, "thread level " + required + " is none of MPI.THREAD_SINGLE ("
                    + THREAD_SINGLE + ") to MPI.THREAD_MULTIPLE (" + THREAD_MULTIPLE + ")");
        }
        Init();
        return THREAD_MULTIPLE;
    }

    /**
     * The thread level jmpi provides.
     *
     * @return {@link #THREAD_MULTIPLE}
     */
    public static int Query_thread() {
        return THREAD_MULTIPLE;
    }

    /**
     * The name of the host this rank runs on.
     *
     * @return the host's name
     */
    public static String Get_processor_name() {
        return Environment.processorName();
    }

    /**
     * The version of the MPI standard whose semantics jmpi follows.
     *
     * @return {@code {4, 0}}: the major and minor version
     */
    public static int[] Get_version() {
        return new int[] {4, 0};
    }

    /**
     * jmpi's name and version, and the Java it runs on.
     *
     * @return a line of text that names them
     */
    public static String Get_library_version() {
        return Environment.libraryVersion();
    }

    /**
     * Attaches bytes of space for this process's buffered sends ({@code Bsend}); ERR_BUFFER if some is attached.
     *
     * @param bytes the space in bytes; each message needs {@link #BSEND_OVERHEAD} more than its own size
     */
    public static void Attach_buffer(int bytes) {
        BufferSpace.PROCESS.attach(bytes);
    }

    /**
     * Detaches the process's buffer once every buffered message has gone; returns its size.
     *
     * @return the detached space in bytes
     */
    public static int Detach_buffer() {
        return BufferSpace.PROCESS.detach();
    }

    /**
     * Aborts the job with errorcode, as {@code COMM_WORLD.Abort(errorcode)}. ERR_ARG for a negative code.
     *
     * @param errorcode the exit status, not negative
     */
    public static void Abort(int errorcode) {
        if (errorcode < 0) {
            throw new MPIException(ERR_ARG, "Abort needs an exit status of 0 or more, not " + errorcode);
        }
        COMM_WORLD.Abort(errorcode);
    }

    /**
     * Whether jmpi has been finalized.
     *
     * @return true once {@code Finalize} has run
     */
    public static boolean Is_finalized() {
        return finalized;
    }

    /**
     * Seconds since an arbitrary time in the past, for measuring intervals.
     *
     * @return the wall-clock time in seconds
     */
    public static double Wtime() {
        return (System.nanoTime() - EPOCH) / 1e9;
    }

    /**
     * The resolution of {@link #Wtime()}.
     *
     * @return the resolution in seconds
     */
    public static double Wtick() {
        return 1e-9;
    }

    private static Session session() {
        Session s = session;
        if (s == null) {
            synchronized (LOCK) {
                if (finalized) {
                    throw new MPIException(ERR_COMM, "jmpi is finalized");
                }
                if (session == null) {
                    Init();
                }
                s = session;
            }
        }
        if (finalized) {
            throw new MPIException(ERR_COMM, "jmpi is finalized");
        }
        return s;
    }

    /** A communicator constant that finds its target when first used, so that it can exist before Init. */
    /** The communicator a constant stands for now (itself for any other), so that comparing sees through it. */
    static Comm target(Comm c) {
        return c == COMM_WORLD ? session().world() : c == COMM_SELF ? session().self() : c;
    }

    private static Comm delegate(String name, Supplier<Comm> target, Class<?>... kinds) {
        InvocationHandler h = (proxy, method, args) -> invoke(name, proxy, target, method, args);
        return (Comm) Proxy.newProxyInstance(Comm.class.getClassLoader(), kinds.length == 0
                ? new Class<?>[] {Comm.class} : kinds, h);
    }

    private static Object invoke(String name, Object proxy, Supplier<Comm> target, Method method, Object[] args)
            throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            switch (method.getName()) {
                case "toString":
                    return name;
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == args[0];
                default:
                    break;
            }
        }
        try {
            return method.invoke(target.get(), args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
