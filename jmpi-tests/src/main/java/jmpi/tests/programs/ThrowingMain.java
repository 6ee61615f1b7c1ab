package jmpi.tests.programs;

import java.util.concurrent.CountDownLatch;
import jmpi.Comm;
import jmpi.MPI;

/**
 * Rank 1 throws out of main after a barrier, with a worker thread of its own that would keep its JVM
 * alive for ever, while every other rank waits for a message from it that never comes.
 */
public final class ThrowingMain {
    private ThrowingMain() {
    }

    public static void main(String[] args) {
        Comm c = MPI.COMM_WORLD;
        c.barrier();
        if (c.rank() == 1) {
            CountDownLatch never = new CountDownLatch(1);
            Thread worker = new Thread(() -> {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "worker");
            worker.start();
            throw new IllegalStateException("thrown out of main by rank 1");
        }
        try {
            Object got = c.recv(1, 3);
            System.out.println("rank " + c.rank() + " received " + got);
        } catch (jmpi.ProcessFailedException e) {
            System.out.println("rank " + c.rank() + " saw rank 1 fail");
            throw e;
        }
    }
}
