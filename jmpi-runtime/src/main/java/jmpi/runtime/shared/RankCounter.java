package jmpi.runtime.shared;

import jmpi.runtime.wire.SharedOp;
import jmpi.shared.SharedCounter;

/** A shared counter: every operation is an addition on the coordinator (reading adds 0). */
record RankCounter(SharedCalls calls, String name) implements SharedCounter {
    @Override
    public long get() {
        return addAndGet(0);
    }

    @Override
    public long addAndGet(long delta) {
        return calls.call(SharedOp.COUNTER_ADD, name, delta, 0).word();
    }

    @Override
    public String toString() {
        return "SharedCounter[" + name + "]";
    }
}
