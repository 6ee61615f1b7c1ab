package jmpi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The options of a jmpi process, as an immutable value. {@link #fromEnvironment()} reads them from
 * the {@code JMPI_*} variables (and rank and size from {@code mpirun}, PMI or Slurm); the builder
 * changes any of them.
 */
public final class Config {
    /** The default coordinator port. */
    public static final int DEFAULT_PORT = 61642;
    /** The largest JMPI_SERIAL_SIZE: 1TiB. */
    public static final long MAX_SERIAL_SIZE = 1L << 40;

    private final int rank;
    private final int size;
    private final String addr;
    private final int port;
    private final Duration waitTime;
    private final List<String> serial;
    private final long serialSize;
    private final int serialQueue;
    private final long shm;
    private final String proto;
    private final boolean ssl;
    private final boolean abortOnException;
    private final String sslKey;
    private final String sslCert;
    private final String sslCa;
    private final String token;
    private final int statusPort;
    private final Duration hangWarning;
    private final Duration opTimeout;
    private final Duration spin;
    private final String data;
    private final int eager;

    private Config(Builder b) {
        this.rank = b.rank;
        this.size = b.size;
        this.addr = b.addr;
        this.port = b.port;
        this.waitTime = b.waitTime;
        this.serial = List.copyOf(b.serial);
        this.serialSize = b.serialSize;
        this.serialQueue = b.serialQueue;
        this.shm = b.shm;
        this.proto = b.proto;
        this.ssl = b.ssl;
        this.abortOnException = b.abortOnException;
        this.sslKey = b.sslKey;
        this.sslCert = b.sslCert;
        this.sslCa = b.sslCa;
        this.token = b.token;
        this.statusPort = b.statusPort;
        this.hangWarning = b.hangWarning;
        this.opTimeout = b.opTimeout;
        this.spin = b.spin;
        this.data = b.data;
        this.eager = b.eager;
    }

    /**
     * A builder with every default: rank 0 of 1, port 61642, TCP, no TLS, no token.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this configuration.
     *
     * @return a new builder with this configuration's options
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.rank = rank;
        b.size = size;
        b.addr = addr;
        b.port = port;
        b.waitTime = waitTime;
        b.serial = serial;
        b.serialSize = serialSize;
        b.serialQueue = serialQueue;
        b.shm = shm;
        b.proto = proto;
        b.ssl = ssl;
        b.abortOnException = abortOnException;
        b.sslKey = sslKey;
        b.data = data;
        b.eager = eager;
        b.sslCert = sslCert;
        b.sslCa = sslCa;
        b.token = token;
        b.statusPort = statusPort;
        b.hangWarning = hangWarning;
        b.opTimeout = opTimeout;
        b.spin = spin;
        return b;
    }

    /**
     * The options of this process's environment.
     *
     * @return the options; ERR_ARG (or ERR_RANK) when a variable does not parse or is out of range
     */
    public static Config fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * The options that the given environment variables describe.
     *
     * @param env the variables, by name
     * @return the options; ERR_ARG (or ERR_RANK) when a variable does not parse or is out of range
     */
    public static Config fromEnvironment(Map<String, String> env) {
        Builder b = builder();
        int[] rs = rankAndSize(env);
        b.rank(rs[0]).size(rs[1]);
        String v;
        if ((v = env.get("JMPI_ADDR")) != null && !v.isBlank()) {
            b.addr(v.trim());
        }
        if ((v = env.get("JMPI_PORT")) != null && !v.isBlank()) {
            b.port(parseInt("JMPI_PORT", v));
        }
        if ((v = env.get("JMPI_WAIT")) != null && !v.isBlank()) {
            b.waitTime(parseDuration("JMPI_WAIT", v));
        }
        if ((v = env.get("JMPI_SERIAL")) != null && !v.isBlank()) {
            b.serial(Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
        }
        if ((v = env.get("JMPI_SERIAL_SIZE")) != null && !v.isBlank()) {
            b.serialSize(parseBytes("JMPI_SERIAL_SIZE", v));
        }
        if ((v = env.get("JMPI_SERIAL_QUEUE")) != null && !v.isBlank()) {
            b.serialQueue((int) Math.min(Integer.MAX_VALUE, parseBytes("JMPI_SERIAL_QUEUE", v)));
        }
        if ((v = env.get("JMPI_SHM")) != null && !v.isBlank()) {
            b.shm(v.trim().equals("0") ? 0 : parseBytes("JMPI_SHM", v));
        }
        if ((v = env.get("JMPI_PROTO")) != null && !v.isBlank()) {
            b.proto(v.trim().toLowerCase(Locale.ROOT));
        }
        if ((v = env.get("JMPI_SSL")) != null && !v.isBlank()) {
            b.ssl(isTrue(v));
        }
        if ((v = env.get("JMPI_ABORT_ON_EXCEPTION")) != null && !v.isBlank()) {
            b.abortOnException(isTrue(v));
        }
        b.sslKey(env.get("JMPI_SSL_KEY"));
        b.sslCert(env.get("JMPI_SSL_CERT"));
        b.sslCa(env.get("JMPI_SSL_CA"));
        if ((v = env.get("JMPI_STATUS_PORT")) != null && !v.isBlank()) {
            b.statusPort(parseInt("JMPI_STATUS_PORT", v));
        }
        if ((v = env.get("JMPI_HANG_WARN")) != null && !v.isBlank()) {
            b.hangWarning(parseDuration("JMPI_HANG_WARN", v));
        }
        if ((v = env.get("JMPI_OP_TIMEOUT")) != null && !v.isBlank()) {
            b.opTimeout("off".equalsIgnoreCase(v.trim()) ? Duration.ZERO : parseDuration("JMPI_OP_TIMEOUT", v));
        }
        if ((v = env.get("JMPI_SPIN")) != null && !v.isBlank()) {
            b.spin(parseDuration("JMPI_SPIN", v));
        }
        if ((v = env.get("JMPI_DATA")) != null && !v.isBlank()) {
            b.data(v.trim().toLowerCase(Locale.ROOT));
        }
        if ((v = env.get("JMPI_EAGER")) != null && !v.isBlank()) {
            b.eager((int) Math.min(Integer.MAX_VALUE, parseBytes("JMPI_EAGER", v)));
        }
        if ((v = env.get("JMPI_TOKEN")) != null && !v.isEmpty()) {
            b.token(v);
        } else {
            b.token(derivedToken(env));
        }
        return b.build();
    }

    private static int[] rankAndSize(Map<String, String> env) {
        String[][] pairs = {
            {"JMPI_RANK", "JMPI_SIZE"},
            {"OMPI_COMM_WORLD_RANK", "OMPI_COMM_WORLD_SIZE"},
            {"PMI_RANK", "PMI_SIZE"},
            {"PMIX_RANK", "PMI_SIZE"},
            {"SLURM_PROCID", "SLURM_NTASKS"},
        };
        for (String[] p : pairs) {
            String r = env.get(p[0]);
            if (r != null && !r.isBlank()) {
                String s = env.get(p[1]);
                if (s == null || s.isBlank()) {
                    s = env.getOrDefault("OMPI_COMM_WORLD_SIZE", env.getOrDefault("SLURM_NTASKS", "1"));
                }
                return new int[] {parseInt(p[0], r), parseInt(p[1], s)};
            }
        }
        return new int[] {0, 1};
    }

    /** Under mpirun or srun without JMPI_TOKEN, a token from the job's id keeps two jobs apart. */
    private static String derivedToken(Map<String, String> env) {
        String[] ids = {"OMPI_MCA_ess_base_jobid", "OMPI_MCA_orte_ess_jobid", "PMIX_NAMESPACE", "PMI_JOBID"};
        String id = null;
        for (String k : ids) {
            if (env.get(k) != null && !env.get(k).isBlank()) {
                id = k + "=" + env.get(k);
                break;
            }
        }
        if (id == null && env.get("SLURM_JOB_ID") != null) {
            id = "slurm=" + env.get("SLURM_JOB_ID") + "." + env.getOrDefault("SLURM_STEP_ID", "0");
        }
        if (id == null) {
            return null;
        }
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(("jmpi-job:" + id).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isTrue(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        return s.equals("1") || s.equals("true") || s.equals("yes") || s.equals("on");
    }

    private static int parseInt(String name, String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new MPIException(MPI.ERR_ARG, name + " is not an integer: '" + v + "'");
        }
    }

    /** Seconds ("30", "0.5"), with a unit ("500ms", "2s", "1m"), or ISO-8601 ("PT30S"). */
    static Duration parseDuration(String name, String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        try {
            if (s.startsWith("pt")) {
                return Duration.parse(s.toUpperCase(Locale.ROOT));
            } else if (s.endsWith("us")) {
                return Duration.ofNanos((long) (Double.parseDouble(s.substring(0, s.length() - 2).trim()) * 1000));
            } else if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2).trim()));
            } else if (s.endsWith("s")) {
                return Duration.ofMillis((long) (Double.parseDouble(s.substring(0, s.length() - 1).trim()) * 1000));
            } else if (s.endsWith("m")) {
                return Duration.ofMillis((long) (Double.parseDouble(s.substring(0, s.length() - 1).trim()) * 60_000));
            }
            return Duration.ofMillis((long) (Double.parseDouble(s) * 1000));
        } catch (RuntimeException e) {
            throw new MPIException(MPI.ERR_ARG, name + " is not a duration: '" + v + "' (seconds, 50us, 500ms, 2s, 1m or PT30S)");
        }
    }

    /** Bytes, with an optional K, M, G or T suffix (powers of 1024). */
    static long parseBytes(String name, String v) {
        String s = v.trim().toUpperCase(Locale.ROOT);
        long unit = 1;
        if (s.endsWith("B")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.endsWith("K") || s.endsWith("KI")) {
            unit = 1L << 10;
        } else if (s.endsWith("M") || s.endsWith("MI")) {
            unit = 1L << 20;
        } else if (s.endsWith("G") || s.endsWith("GI")) {
            unit = 1L << 30;
        } else if (s.endsWith("T") || s.endsWith("TI")) {
            unit = 1L << 40;
        }
        s = s.replaceAll("[KMGTI]+$", "");
        try {
            long n = Math.multiplyExact(Long.parseLong(s.trim()), unit);
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new MPIException(MPI.ERR_ARG, name + " is not a positive size in bytes: '" + v + "'");
        }
    }

    /**
     * This process's rank in the job.
     *
     * @return the rank, from 0
     */
    public int rank() {
        return rank;
    }

    /**
     * The number of ranks in the job.
     *
     * @return the number of ranks, at least 1
     */
    public int size() {
        return size;
    }

    /**
     * The coordinator's host when it runs elsewhere; {@code null} when rank 0 starts it.
     *
     * @return the host, or {@code null}
     */
    public String addr() {
        return addr;
    }

    /**
     * The coordinator's port (JMPI_PORT, default {@link #DEFAULT_PORT}).
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * How long a rank keeps trying to reach the coordinator.
     *
     * @return the time (JMPI_WAIT)
     */
    public Duration waitTime() {
        return waitTime;
    }

    /**
     * Class names allowed on the wire besides generated registrations.
     *
     * @return the class names (JMPI_SERIAL)
     */
    public List<String> serial() {
        return serial;
    }

    /**
     * The largest message, in bytes.
     *
     * @return the size in bytes (JMPI_SERIAL_SIZE)
     */
    public long serialSize() {
        return serialSize;
    }

    /**
     * Bytes a connection may queue before the sender waits.
     *
     * @return the size in bytes (JMPI_SERIAL_QUEUE)
     */
    public int serialQueue() {
        return serialQueue;
    }

    /**
     * Bytes of shared memory each rank offers for large payloads when it runs on the coordinator's
     * host over TCP (JMPI_SHM, default 64 MiB, taken as used); 0 sends every byte through the socket.
     *
     * @return the size in bytes
     */
    public long shm() {
        return shm;
    }

    /**
     * The transport: {@code tcp}, {@code mqtt} or {@code grpc}.
     *
     * @return the transport's name (JMPI_PROTO)
     */
    public String proto() {
        return proto;
    }

    /**
     * Whether TLS protects the connections (JMPI_SSL).
     *
     * @return true for TLS
     */
    public boolean ssl() {
        return ssl;
    }

    /**
     * Whether an exception escaping a rank's {@code main} aborts the job (JMPI_ABORT_ON_EXCEPTION, on):
     * the trace printed once, the process ending with 1; off, the rank leaves as a failed rank and its
     * process goes on with its other threads.
     *
     * @return true to abort the job
     */
    public boolean abortOnException() {
        return abortOnException;
    }

    /**
     * The coordinator's private key (PKCS#8, PEM) file (JMPI_SSL_KEY).
     *
     * @return the file's path, or {@code null}
     */
    public String sslKey() {
        return sslKey;
    }

    /**
     * The coordinator's certificate chain (PEM) file (JMPI_SSL_CERT).
     *
     * @return the file's path, or {@code null}
     */
    public String sslCert() {
        return sslCert;
    }

    /**
     * Certificates trusted to verify peers; {@code null} trusts the peer's own certificate file.
     *
     * @return the file's path (JMPI_SSL_CA), or {@code null}
     */
    public String sslCa() {
        return sslCa;
    }

    /**
     * The job token every rank must present; {@code null} for none.
     *
     * @return the token (JMPI_TOKEN), or {@code null}
     */
    public String token() {
        return token;
    }

    /**
     * The port of the coordinator's status page (JSON and HTML); 0 for none.
     *
     * @return the port (JMPI_STATUS_PORT)
     */
    public int statusPort() {
        return statusPort;
    }

    /**
     * How long an operation may wait before the coordinator logs whom it waits for.
     *
     * @return the time (JMPI_HANG_WARN)
     */
    public Duration hangWarning() {
        return hangWarning;
    }

    /**
     * How long an operation may wait unmatched before it fails, on every member that waits in it, with
     * {@link MPI#ERR_TIMEOUT} and a message naming the missing ranks and what each is doing;
     * {@link Duration#ZERO} (the default) for never.
     *
     * @return the time (JMPI_OP_TIMEOUT: a duration, or {@code off})
     */
    public Duration opTimeout() {
        return opTimeout;
    }

    /**
     * How long a thread about to wait for a message from a peer reads the rank's links itself before it
     * sleeps (JMPI_SPIN, default 10 ms), yielding its core between reads to any thread that needs it: a
     * wake-up costs more than a small message takes to arrive, on a small machine more than the
     * message's whole way. {@link Duration#ZERO} sleeps at once, leaving the reading to the rank's
     * progress thread; a longer spin uses more CPU while the rank waits, as MPI libraries do.
     *
     * @return the time (JMPI_SPIN: a duration such as {@code 500us}, or {@code 0})
     */
    public Duration spin() {
        return spin;
    }

    /**
     * How ranks move their messages (JMPI_DATA): {@code direct}, rank to rank over links of their own,
     * or {@code coordinator}, every message through the coordinator. Unless set, direct for TCP and
     * coordinator for MQTT and gRPC, whose point is to go through a broker or a proxy.
     *
     * @return {@link #DATA_DIRECT} or {@link #DATA_COORDINATOR}
     */
    public String data() {
        return data != null ? data : "tcp".equals(proto) ? DATA_DIRECT : DATA_COORDINATOR;
    }

    /**
     * The largest message sent at once on a direct link; larger ones wait for the receive (JMPI_EAGER, 64 KiB).
     *
     * @return the size in bytes
     */
    public int eager() {
        return eager;
    }

    /** {@link #data()} for messages that go rank to rank. */
    public static final String DATA_DIRECT = "direct";
    /** {@link #data()} for messages that go through the coordinator. */
    public static final String DATA_COORDINATOR = "coordinator";

    @Override
    public String toString() {
        return "Config[rank=" + rank + ", size=" + size + ", addr=" + addr + ", port=" + port
                + ", wait=" + waitTime + ", serial=" + serial + ", serialSize=" + serialSize
                + ", serialQueue=" + serialQueue + ", shm=" + shm + ", proto=" + proto + ", ssl=" + ssl
                + ", data=" + data() + ", eager=" + eager + ", token=" + (token == null ? "none" : "set") + "]";
    }

    /** Builds a {@link Config}. */
    public static final class Builder {
        private int rank = 0;
        private int size = 1;
        private String addr;
        private int port = DEFAULT_PORT;
        private Duration waitTime = Duration.ofSeconds(30);
        private List<String> serial = List.of();
        private long serialSize = Integer.MAX_VALUE - 1024;
        private int serialQueue = 64 << 20;
        private long shm = 64L << 20;
        private String proto = "tcp";
        private boolean ssl;
        private boolean abortOnException = true;
        private String sslKey;
        private String sslCert;
        private String sslCa;
        private String token;
        private int statusPort;
        private Duration hangWarning = Duration.ofSeconds(10);
        private Duration opTimeout = Duration.ZERO;
        private Duration spin = Duration.ofMillis(10);
        private String data;
        private int eager = 64 << 10;

        private Builder() {
        }

        /**
         * Sets this process's rank; {@link #build()} checks it against the size (ERR_RANK).
         *
         * @param rank the rank
         * @return this builder
         */
        public Builder rank(int rank) {
            this.rank = rank;
            return this;
        }

        /**
         * Sets the number of ranks, at least 1.
         *
         * @param size the number of ranks
         * @return this builder
         */
        public Builder size(int size) {
            this.size = size;
            return this;
        }

        /**
         * Sets the coordinator's host; {@code null} when rank 0 starts it.
         *
         * @param addr the host
         * @return this builder
         */
        public Builder addr(String addr) {
            this.addr = addr;
            return this;
        }

        /**
         * Sets the coordinator's port, 0 to 65535.
         *
         * @param port the port
         * @return this builder
         */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * Sets how long a rank keeps trying to reach the coordinator.
         *
         * @param waitTime the time, not null
         * @return this builder
         */
        public Builder waitTime(Duration waitTime) {
            this.waitTime = Objects.requireNonNull(waitTime, "waitTime == null");
            return this;
        }

        /**
         * Sets the class names allowed on the wire besides generated registrations.
         *
         * @param serial the class names
         * @return this builder
         */
        public Builder serial(List<String> serial) {
            this.serial = List.copyOf(serial);
            return this;
        }

        /**
         * Sets the largest message, at least 64 bytes and at most {@link #MAX_SERIAL_SIZE}.
         *
         * @param serialSize the size in bytes
         * @return this builder
         */
        public Builder serialSize(long serialSize) {
            this.serialSize = serialSize;
            return this;
        }

        /**
         * Sets how many bytes a connection may queue before the sender waits, at least 1.
         *
         * @param serialQueue the size in bytes
         * @return this builder
         */
        public Builder serialQueue(int serialQueue) {
            this.serialQueue = serialQueue;
            return this;
        }

        /**
         * Sets the shared memory each rank offers for large payloads, 0 to 2 GiB.
         *
         * @param shm the size in bytes; 0 for none
         * @return this builder
         */
        public Builder shm(long shm) {
            this.shm = shm;
            return this;
        }

        /**
         * Sets the transport: {@code tcp}, {@code mqtt} or {@code grpc}.
         *
         * @param proto the transport's name, not null
         * @return this builder
         */
        public Builder proto(String proto) {
            this.proto = Objects.requireNonNull(proto, "proto == null");
            return this;
        }

        /**
         * Sets whether TLS protects the connections.
         *
         * @param ssl true for TLS
         * @return this builder
         */
        public Builder ssl(boolean ssl) {
            this.ssl = ssl;
            return this;
        }

        /**
         * Sets whether an exception escaping a rank's {@code main} aborts the job.
         *
         * @param abortOnException true to abort the job
         * @return this builder
         */
        public Builder abortOnException(boolean abortOnException) {
            this.abortOnException = abortOnException;
            return this;
        }

        /**
         * Sets the coordinator's private key (PKCS#8, PEM) file.
         *
         * @param sslKey the file's path
         * @return this builder
         */
        public Builder sslKey(String sslKey) {
            this.sslKey = sslKey;
            return this;
        }

        /**
         * Sets the coordinator's certificate chain (PEM) file.
         *
         * @param sslCert the file's path
         * @return this builder
         */
        public Builder sslCert(String sslCert) {
            this.sslCert = sslCert;
            return this;
        }

        /**
         * Sets the certificates trusted to verify peers.
         *
         * @param sslCa the file's path, or {@code null}
         * @return this builder
         */
        public Builder sslCa(String sslCa) {
            this.sslCa = sslCa;
            return this;
        }

        /**
         * Sets the job token every rank must present.
         *
         * @param token the token, or {@code null} for none
         * @return this builder
         */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        /**
         * Sets the port of the coordinator's status page, 0 to 65535.
         *
         * @param statusPort the port; 0 for none
         * @return this builder
         */
        public Builder statusPort(int statusPort) {
            this.statusPort = statusPort;
            return this;
        }

        /**
         * Sets how long an operation may wait before the coordinator logs whom it waits for.
         *
         * @param hangWarning the time, not null
         * @return this builder
         */
        public Builder hangWarning(Duration hangWarning) {
            this.hangWarning = Objects.requireNonNull(hangWarning, "hangWarning == null");
            return this;
        }

        /**
         * Sets how long an operation may wait unmatched before it fails with {@link MPI#ERR_TIMEOUT}.
         *
         * @param opTimeout the time, not negative; {@link Duration#ZERO} for never
         * @return this builder
         */
        public Builder opTimeout(Duration opTimeout) {
            Objects.requireNonNull(opTimeout, "opTimeout == null");
            if (opTimeout.isNegative()) {
                throw new MPIException(MPI.ERR_ARG, "opTimeout " + opTimeout + " is negative; use Duration.ZERO for never");
            }
            this.opTimeout = opTimeout;
            return this;
        }

        /**
         * Sets how long a waiting thread reads the links itself before it sleeps.
         *
         * @param spin the time, not negative; {@link Duration#ZERO} to sleep at once
         * @return this builder
         */
        public Builder spin(Duration spin) {
            Objects.requireNonNull(spin, "spin == null");
            if (spin.isNegative()) {
                throw new MPIException(MPI.ERR_ARG, "spin " + spin + " is negative (JMPI_SPIN); use Duration.ZERO to sleep at once");
            }
            this.spin = spin;
            return this;
        }

        /**
         * Sets how ranks move their messages.
         *
         * @param data {@link Config#DATA_DIRECT} or {@link Config#DATA_COORDINATOR}; null for the transport's default
         * @return this builder
         */
        public Builder data(String data) {
            this.data = data;
            return this;
        }

        /**
         * Sets the largest message sent at once on a direct link, not negative.
         *
         * @param eager the size in bytes
         * @return this builder
         */
        public Builder eager(int eager) {
            this.eager = eager;
            return this;
        }

        /**
         * Checks the options and builds the configuration.
         *
         * @return the configuration; ERR_ARG for an option out of range, ERR_RANK for a rank outside the size
         */
        public Config build() {
            if (size < 1) {
                throw new MPIException(MPI.ERR_ARG, "size " + size + " must be at least 1");
            }
            if (rank < 0 || rank >= size) {
                throw new MPIException(MPI.ERR_RANK, "rank " + rank + " out of range [0, " + size + ")");
            }
            if (port < 0 || port > 65535) {
                throw new MPIException(MPI.ERR_ARG, "port " + port + " out of range [0, 65535]");
            }
            if (serialSize < 64 || serialSize > MAX_SERIAL_SIZE) {
                throw new MPIException(MPI.ERR_ARG, "JMPI_SERIAL_SIZE " + serialSize
                        + " must be at least 64 bytes and at most 1TiB (" + MAX_SERIAL_SIZE + ")");
            }
            if (statusPort < 0 || statusPort > 65535) {
                throw new MPIException(MPI.ERR_ARG, "status port " + statusPort + " out of range [0, 65535]");
            }
            if (shm < 0 || shm > Integer.MAX_VALUE) {
                throw new MPIException(MPI.ERR_ARG, "shm " + shm + " must be between 0 and 2 GiB (JMPI_SHM)");
            }
            if (data != null && !data.equals(DATA_DIRECT) && !data.equals(DATA_COORDINATOR)) {
                throw new MPIException(MPI.ERR_ARG, "data " + data + " is neither direct nor coordinator (JMPI_DATA)");
            }
            if (eager < 0) {
                throw new MPIException(MPI.ERR_ARG, "eager " + eager + " must not be negative (JMPI_EAGER)");
            }
            if (serialQueue < 1) {
                throw new MPIException(MPI.ERR_ARG, "serialQueue " + serialQueue + " must be positive");
            }
            return new Config(this);
        }
    }
}
