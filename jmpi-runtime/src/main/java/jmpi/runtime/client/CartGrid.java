package jmpi.runtime.client;

import java.util.Arrays;
import jmpi.MPI;
import jmpi.MPIException;

/**
 * A Cartesian grid, row-major (the last dimension varies fastest): coordinates and ranks, shifts, and
 * the neighbours of a rank in MPI's order. Pure arithmetic; the arrays are never handed out.
 */
record CartGrid(int[] dims, boolean[] periods) {

    /** Checks dims and periods as Create_cart takes them (periods null: none periodic) against a size. */
    static CartGrid of(int[] dims, boolean[] periods, int size) {
        if (dims == null) {
            throw new MPIException(MPI.ERR_DIMS, "Create_cart needs an array of dimensions, not null");
        }
        if (periods != null && periods.length != dims.length) {
            throw new MPIException(MPI.ERR_ARG, "periods has " + periods.length + " entries for " + dims.length
                    + " dimensions; give one per dimension, or null for none periodic");
        }
        long product = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 1) {
                throw new MPIException(MPI.ERR_DIMS, "dimension " + i + " has extent " + dims[i]
                        + "; each needs 1 or more (MPI.Compute_dims fills in zeros)");
            }
            product = Math.min(product * dims[i], (long) Integer.MAX_VALUE + 1);
        }
        if (product > size) {
            throw new MPIException(MPI.ERR_DIMS, "a grid of " + Arrays.toString(dims) + " needs " + product
                    + " ranks; the communicator has " + size + " (MPI.Compute_dims(" + size + ", dims) fits it)");
        }
        return new CartGrid(dims.clone(), periods == null ? new boolean[dims.length] : periods.clone());
    }

    int ndim() {
        return dims.length;
    }

    /** How many ranks the grid holds. */
    int size() {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    int[] coords(int rank) {
        if (rank < 0 || rank >= size()) {
            throw new MPIException(MPI.ERR_RANK, "rank " + rank + " out of range [0, " + size() + ")");
        }
        int[] c = new int[dims.length];
        for (int i = dims.length - 1; i >= 0; i--) {
            c[i] = rank % dims[i];
            rank /= dims[i];
        }
        return c;
    }

    int rank(int[] coords) {
        if (coords == null || coords.length != dims.length) {
            throw new MPIException(MPI.ERR_ARG, (coords == null ? "null coordinates" : coords.length + " coordinates")
                    + " for a grid of " + dims.length + " dimensions");
        }
        int rank = 0;
        for (int i = 0; i < dims.length; i++) {
            int c = coords[i];
            if (periods[i]) {
                c = Math.floorMod(c, dims[i]);
            } else if (c < 0 || c >= dims[i]) {
                throw new MPIException(MPI.ERR_RANK, "coordinate " + c + " of dimension " + i + " is off the grid [0, "
                        + dims[i] + "), which is not periodic");
            }
            rank = rank * dims[i] + c;
        }
        return rank;
    }

    /** {source, dest} of a shift by disp along direction, as seen from rank. */
    int[] shift(int rank, int direction, int disp) {
        if (direction < 0 || direction >= dims.length) {
            throw new MPIException(MPI.ERR_DIMS, "direction " + direction + " is not a dimension of the grid [0, "
                    + dims.length + ")");
        }
        int[] c = coords(rank);
        return new int[] {step(c, direction, -disp), step(c, direction, disp)};
    }

    /** The rank disp away from c along direction, or PROC_NULL past an open edge. */
    private int step(int[] c, int direction, int disp) {
        long to = (long) c[direction] + disp;
        if (!periods[direction] && (to < 0 || to >= dims[direction])) {
            return MPI.PROC_NULL;
        }
        int[] moved = c.clone();
        moved[direction] = (int) Math.floorMod(to, (long) dims[direction]);
        return rank(moved);
    }

    /** MPI's neighbour order: for each dimension, the rank at -1 then the rank at +1. */
    int[] neighbours(int rank) {
        int[] n = new int[2 * dims.length];
        for (int d = 0; d < dims.length; d++) {
            int[] sd = shift(rank, d, 1);
            n[2 * d] = sd[0];
            n[2 * d + 1] = sd[1];
        }
        return n;
    }

    /** The grid of the dimensions kept. */
    CartGrid keep(boolean[] remain) {
        if (remain == null || remain.length != dims.length) {
            throw new MPIException(MPI.ERR_ARG, "Sub needs one entry per dimension (" + dims.length + "), not "
                    + (remain == null ? "null" : remain.length));
        }
        int n = 0;
        for (boolean r : remain) {
            n += r ? 1 : 0;
        }
        int[] d = new int[n];
        boolean[] p = new boolean[n];
        for (int i = 0, j = 0; i < dims.length; i++) {
            if (remain[i]) {
                d[j] = dims[i];
                p[j++] = periods[i];
            }
        }
        return new CartGrid(d, p);
    }

    /** Which sub-grid a rank falls in: its coordinates in the dimensions dropped, as one number. */
    int subGrid(int rank, boolean[] remain) {
        int[] c = coords(rank);
        int colour = 0;
        for (int i = 0; i < dims.length; i++) {
            if (!remain[i]) {
                colour = colour * dims[i] + c[i];
            }
        }
        return colour;
    }
}
