package jmpi;

import java.util.Arrays;

/**
 * MPI_Dims_create: the extents of a grid of a given number of nodes, the free dimensions as close to
 * each other as the divisors allow. An exact search over the divisors, not the greedy split of prime
 * factors, which leaves 72 nodes on two free dimensions as 12 x 6 where 9 x 8 exists.
 */
final class Dims {
    private Dims() {
    }

    static int[] compute(int nnodes, int[] dims) {
        if (nnodes < 1) {
            throw new MPIException(MPI.ERR_ARG, "Compute_dims needs 1 node or more, not " + nnodes);
        }
        if (dims == null) {
            throw new MPIException(MPI.ERR_ARG, "Compute_dims needs an array of dimensions (0 where free), not null");
        }
        long fixed = 1;
        int free = 0;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0) {
                throw new MPIException(MPI.ERR_DIMS, "dimension " + i + " is " + dims[i]
                        + "; give each dimension an extent of 1 or more, or 0 to have it computed");
            }
            if (dims[i] == 0) {
                free++;
            } else {
                fixed *= dims[i];
                if (fixed > nnodes) {
                    break;
                }
            }
        }
        if (nnodes % fixed != 0 || (free == 0 && fixed != nnodes)) {
            throw new MPIException(MPI.ERR_DIMS, "the given dimensions " + Arrays.toString(dims) + " multiply to "
                    + fixed + ", which " + (free == 0 ? "is not " : "does not divide ") + nnodes
                    + "; give extents whose product divides the number of nodes, or 0 to have one computed");
        }
        int[] chosen = balanced((int) (nnodes / fixed), free);
        int[] out = dims.clone();
        for (int i = 0, j = 0; i < out.length; i++) {
            if (out[i] == 0) {
                out[i] = chosen[j++];
            }
        }
        return out;
    }

    /** k factors of m, non-increasing, with the least spread between the largest and the smallest. */
    private static int[] balanced(int m, int k) {
        int[] best = new int[k];
        if (k == 0) {
            return best;
        }
        new Search(divisors(m), best).run(m, 0, m, new int[k]);
        return best;
    }

    /** The divisors of m, ascending. */
    private static int[] divisors(int m) {
        int[] low = new int[64];
        int[] high = new int[64];
        int nl = 0;
        int nh = 0;
        for (int d = 1; (long) d * d <= m; d++) {
            if (m % d == 0) {
                if (nl == low.length) {
                    low = Arrays.copyOf(low, nl * 2);
                    high = Arrays.copyOf(high, nl * 2);
                }
                low[nl++] = d;
                if (d != m / d) {
                    high[nh++] = m / d;
                }
            }
        }
        int[] all = Arrays.copyOf(low, nl + nh);
        for (int i = 0; i < nh; i++) {
            all[nl + i] = high[nh - 1 - i];
        }
        return all;
    }

    /** A depth-first search over the divisors, pruned by the best spread found so far. */
    private static final class Search {
        private final int[] divisors;
        private final int[] best;
        private long bestSpread = Long.MAX_VALUE;

        Search(int[] divisors, int[] best) {
            this.divisors = divisors;
            this.best = best;
        }

        /** Chooses trial[i] and on, each at most the one before (cap), so that the rest multiply to m. */
        void run(int m, int i, int cap, int[] trial) {
            int left = trial.length - i;
            if (left == 1) {
                if (m <= cap && trial[0] - (long) m < bestSpread) {
                    trial[i] = m;
                    bestSpread = trial[0] - (long) m;
                    System.arraycopy(trial, 0, best, 0, trial.length);
                }
                return;
            }
            for (int d : divisors) {
                if (d > cap || d > m) {
                    break;
                }
                // d is the largest of the rest, so d to the power left must reach m
                if (m % d != 0 || Math.pow(d, left) < m - 0.5) {
                    continue;
                }
                // the factors after d are at most d, so the spread is at least first - d
                if (i > 0 && trial[0] - (long) d >= bestSpread) {
                    continue;
                }
                trial[i] = d;
                run(m / d, i + 1, d, trial);
            }
        }
    }
}
