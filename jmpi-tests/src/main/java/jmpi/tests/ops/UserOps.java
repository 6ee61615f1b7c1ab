package jmpi.tests.ops;

import java.nio.IntBuffer;
import jmpi.Op;

/**
 * User reduce operations the tests share, each with its sequential model: element-wise sum (mpi4py's
 * {@code mysum}), and two that keep rank order: string concatenation, and the composition of affine
 * maps x ↦ a·x + b stored as (a, b) pairs of ints, which is associative but not commutative.
 */
public final class UserOps {
    private UserOps() {
    }

    /** mpi4py's mysum on int buffers: inout[i] = in[i] + inout[i]. */
    public static Op sum(boolean commutative) {
        return Op.create("mysum", (IntBuffer in, IntBuffer inout, int n) -> {
            for (int i = 0; i < n; i++) {
                inout.put(i, in.get(i) + inout.get(i));
            }
        }, commutative);
    }

    /** String concatenation, lower rank first. */
    public static Op concat() {
        return Op.create("concat", (String a, String b) -> a + b, false);
    }

    /** The affine maps of in, then those of inout: pair k of the result is inout_k ∘ in_k. */
    public static Op affine() {
        return Op.create("affine", (IntBuffer in, IntBuffer inout, int n) -> {
            for (int i = 0; i + 1 < n; i += 2) {
                int[] r = compose(in.get(i), in.get(i + 1), inout.get(i), inout.get(i + 1));
                inout.put(i, r[0]);
                inout.put(i + 1, r[1]);
            }
        }, false);
    }

    /** The sequential model of {@link #affine}: x ↦ a2·(a1·x + b1) + b2. */
    public static int[] compose(int a1, int b1, int a2, int b2) {
        return new int[] {a2 * a1, a2 * b1 + b2};
    }

    /** The model of {@link #affine} on whole arrays of pairs, lower first. */
    public static int[] compose(int[] lower, int[] upper) {
        int[] out = new int[lower.length];
        for (int i = 0; i + 1 < lower.length; i += 2) {
            int[] r = compose(lower[i], lower[i + 1], upper[i], upper[i + 1]);
            out[i] = r[0];
            out[i + 1] = r[1];
        }
        return out;
    }
}
