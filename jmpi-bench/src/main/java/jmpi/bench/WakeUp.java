package jmpi.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * What waking a sleeping thread costs on this machine, without jmpi: two threads hand a turn back and
 * forth with park/unpark. Every blocking jmpi operation needs several such wake-ups, so this is the
 * floor under its latency. Usage: {@code WakeUp [rounds]}.
 */
public final class WakeUp {
    private WakeUp() {
    }

    public static void main(String[] args) throws InterruptedException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        AtomicInteger turn = new AtomicInteger();
        Thread caller = Thread.currentThread();
        Thread other = new Thread(() -> {
            for (int i = 0; i < rounds; i++) {
                while (turn.get() != 1) {
                    LockSupport.park();
                }
                turn.set(0);
                LockSupport.unpark(caller);
            }
        }, "wake-up-peer");
        other.start();
        long[] nanos = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            turn.set(1);
            LockSupport.unpark(other);
            while (turn.get() != 0) {
                LockSupport.park();
            }
            nanos[i] = System.nanoTime() - start;
        }
        other.join();
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "thread round trip (two wake-ups): median %.1f us, p99 %.1f us over %d rounds%n",
                nanos[rounds / 2] / 1e3, nanos[rounds * 99 / 100] / 1e3, rounds);
    }
}
