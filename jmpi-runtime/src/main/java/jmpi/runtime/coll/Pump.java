package jmpi.runtime.coll;

/**
 * Runs a step on one thread at a time, however many threads ask: a thread that asks while another
 * runs it leaves it to that one, which then runs it once more. A streamed collective's step is asked
 * for by whatever completes (a send written, a chunk arrived), on whichever thread completed it; no
 * thread ever waits here, and a completion that comes inline, inside the step, cannot recurse.
 */
final class Pump {
    private final Runnable step;
    private boolean running;
    private boolean again;

    Pump(Runnable step) {
        this.step = step;
    }

    /** Runs the step here, unless another thread runs it now; that one then runs it again. */
    void run() {
        synchronized (this) {
            if (running) {
                again = true;
                return;
            }
            running = true;
        }
        while (true) {
            step.run();
            synchronized (this) {
                if (!again) {
                    running = false;
                    return;
                }
                again = false;
            }
        }
    }
}
