package jmpi.runtime.coll;

import java.util.function.Consumer;

/**
 * Runs a step on one thread at a time, however many threads ask: a thread that asks while another
 * runs it leaves it to that one, which then runs it once more. A streamed collective's step is asked
 * for by whatever completes (a send written, a chunk arrived), on whichever thread completed it; no
 * thread ever waits here, and a completion that comes inline, inside the step, cannot recurse. What
 * the step throws goes to the pipe's failure handler, on the same thread.
 */
final class Pump {
    private final Runnable step;
    private final Consumer<RuntimeException> failed;
    private boolean running;
    private boolean again;

    Pump(Runnable step, Consumer<RuntimeException> failed) {
        this.step = step;
        this.failed = failed;
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
            try {
                step.run();
            } catch (RuntimeException e) {
                failed.accept(e);
            }
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
