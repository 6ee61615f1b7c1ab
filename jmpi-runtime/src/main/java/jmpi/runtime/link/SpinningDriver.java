package jmpi.runtime.link;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import jmpi.spi.Completions;

/**
 * A caller about to wait reads the rank's peer links itself, for at most JMPI_SPIN, before it sleeps:
 * on a small machine each wake-up of a sleeping thread costs some 20 µs, more than a message takes
 * to cross the loopback, and where ranks outnumber cores a sleeping rank may wait a whole time slice
 * for its turn. The caller yields between polls, so that ranks sharing a core take turns as MPI's do
 * (a spin that kept its core would hold off the very rank it waits for; with a core to itself, a yield
 * returns at once). Once the spin ends without its message, the progress thread reads for it.
 */
final class SpinningDriver implements Driver {
    /**
     * Threads of this process that spin at once, at most one a core: ranks in one JVM (the testing
     * kit's) beyond that sleep at once rather than take the cores from the ranks they wait for.
     */
    private static final AtomicInteger SPINNING = new AtomicInteger();
    private static final int MOST_SPINNING = Runtime.getRuntime().availableProcessors();

    private final PolledPeers peers;
    private final long spinNanos;
    private final AtomicInteger spinners = new AtomicInteger();

    SpinningDriver(PolledPeers peers, long spinNanos) {
        this.peers = peers;
        this.spinNanos = spinNanos;
    }

    /** Whether a caller reads the links now (the progress thread then leaves them to it). */
    boolean spinning() {
        return spinners.get() > 0;
    }

    @Override
    public void await(CompletableFuture<?> f) {
        spin(f::isDone);
    }

    @Override
    public boolean awaitSignal(long seen) {
        return spin(() -> Completions.generation() != seen);
    }

    @Override
    public void poll() {
        if (!peers.routing.isHeldByCurrentThread() && peers.tryRoute()) {
            try {
                peers.readAdmitted();
            } finally {
                peers.endRoute();
            }
        }
    }

    /** Reads the links until done says so or the spin is over; whether done said so. */
    private boolean spin(BooleanSupplier done) {
        if (done.getAsBoolean()) {
            return true;
        }
        // the thread that routes a frame never waits here: it is in the middle of reading one
        if (spinNanos <= 0 || peers.routing.isHeldByCurrentThread()) {
            return false;
        }
        if (SPINNING.incrementAndGet() > MOST_SPINNING) {
            SPINNING.decrementAndGet();
            return false;
        }
        long start = System.nanoTime();
        spinners.incrementAndGet();
        boolean met = false;
        try {
            while (!(met = done.getAsBoolean())) {
                if (System.nanoTime() - start > spinNanos) {
                    break;
                }
                if (peers.tryRoute()) {
                    try {
                        peers.readAdmitted();
                    } finally {
                        peers.endRoute();
                    }
                    if (met = done.getAsBoolean()) {
                        break;
                    }
                }
                // other threads of this machine (the sender, perhaps) may need this core
                Thread.yield();
            }
        } finally {
            SPINNING.decrementAndGet();
            if (spinners.decrementAndGet() == 0 && !met) {
                peers.wakeProgress();
            }
        }
        return met;
    }
}
