package jmpi.runtime.elem;

import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import jmpi.Op;
import jmpi.spi.PredefinedOp;

/**
 * SUM, MAX and MIN of int, long and double as plain indexed loops over nio views of the bytes, one
 * loop per op, which the JIT turns into vector code; the general loops of {@link Lanes} call an
 * operator per element and cannot be vectorised. The caller has chosen one of these three ops.
 */
final class FastLoops {
    private FastLoops() {
    }

    static void ints(Op op, IntBuffer x, IntBuffer y, int n) {
        switch (PredefinedOp.of(op)) {
            case SUM -> {
                for (int i = 0; i < n; i++) {
                    x.put(i, x.get(i) + y.get(i));
                }
            }
            case MAX -> {
                for (int i = 0; i < n; i++) {
                    x.put(i, Math.max(x.get(i), y.get(i)));
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    x.put(i, Math.min(x.get(i), y.get(i)));
                }
            }
        }
    }

    static void longs(Op op, LongBuffer x, LongBuffer y, int n) {
        switch (PredefinedOp.of(op)) {
            case SUM -> {
                for (int i = 0; i < n; i++) {
                    x.put(i, x.get(i) + y.get(i));
                }
            }
            case MAX -> {
                for (int i = 0; i < n; i++) {
                    x.put(i, Math.max(x.get(i), y.get(i)));
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    x.put(i, Math.min(x.get(i), y.get(i)));
                }
            }
        }
    }

    static void doubles(Op op, DoubleBuffer x, DoubleBuffer y, int n) {
        switch (PredefinedOp.of(op)) {
            case SUM -> {
                for (int i = 0; i < n; i++) {
                    x.put(i, x.get(i) + y.get(i));
                }
            }
            case MAX -> {
                for (int i = 0; i < n; i++) {
                    x.put(i, Math.max(x.get(i), y.get(i)));
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    x.put(i, Math.min(x.get(i), y.get(i)));
                }
            }
        }
    }
}
