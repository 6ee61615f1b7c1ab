package jmpi.examples;

import java.util.List;
import java.util.Locale;
import jmpi.Cartcomm;
import jmpi.MPI;

/**
 * Heat diffusion on a square plate by Jacobi iteration, the plate cut into blocks on a 2-D Cartesian
 * communicator ({@code MPI.Compute_dims}). Each step every rank swaps its edge rows and columns with
 * its four neighbours in one {@code Neighbor_alltoallv}; at the plate's edges there is no neighbour
 * ({@code PROC_NULL}), and the halo keeps the fixed boundary: the top edge at 100 degrees, the others
 * at 0. Rank 0 then gathers the blocks and checks them against the same steps run on one plate.
 *
 * <p>Arguments: the plate's side (default 48) and the number of steps (default 300).
 */
public final class Jacobi {
    private static final double HOT = 100;

    private Jacobi() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 48;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int size = MPI.COMM_WORLD.size();
        int[] dims = MPI.Compute_dims(size, 2);
        Cartcomm cart = MPI.COMM_WORLD.Create_cart(dims, new boolean[] {false, false}, true);
        int[] at = cart.coords();
        int row0 = start(n, dims[0], at[0]);
        int rows = start(n, dims[0], at[0] + 1) - row0;
        int col0 = start(n, dims[1], at[1]);
        int cols = start(n, dims[1], at[1] + 1) - col0;

        // the block with a halo of one cell all round; the halo of an outer edge holds the boundary
        double[][] u = plate(rows, cols, row0 == 0);
        double[][] next = plate(rows, cols, row0 == 0);
        // neighbour order: up, down (dimension 0), left, right (dimension 1)
        int[] counts = {cols, cols, rows, rows};
        int[] displs = {0, cols, 2 * cols, 2 * cols + rows};
        double[] send = new double[2 * cols + 2 * rows];
        double[] recv = new double[send.length];
        for (int s = 0; s < steps; s++) {
            for (int j = 0; j < cols; j++) {
                send[j] = u[1][j + 1];
                send[cols + j] = u[rows][j + 1];
            }
            for (int i = 0; i < rows; i++) {
                send[2 * cols + i] = u[i + 1][1];
                send[2 * cols + rows + i] = u[i + 1][cols];
            }
            // an open edge's block is left alone: fill it with the halo as it is
            for (int j = 0; j < cols; j++) {
                recv[j] = u[0][j + 1];
                recv[cols + j] = u[rows + 1][j + 1];
            }
            for (int i = 0; i < rows; i++) {
                recv[2 * cols + i] = u[i + 1][0];
                recv[2 * cols + rows + i] = u[i + 1][cols + 1];
            }
            cart.Neighbor_alltoallv(send, counts, displs, recv, counts, displs);
            for (int j = 0; j < cols; j++) {
                u[0][j + 1] = recv[j];
                u[rows + 1][j + 1] = recv[cols + j];
            }
            for (int i = 0; i < rows; i++) {
                u[i + 1][0] = recv[2 * cols + i];
                u[i + 1][cols + 1] = recv[2 * cols + rows + i];
            }
            relax(u, next, rows, cols);
            double[][] t = u;
            u = next;
            next = t;
        }

        double[] mine = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(u[i + 1], 1, mine, i * cols, cols);
        }
        List<double[]> blocks = cart.gather(mine, 0);
        if (cart.rank() == 0) {
            double[][] whole = plate(n, n, true);
            double[][] spare = plate(n, n, true);
            for (int s = 0; s < steps; s++) {
                relax(whole, spare, n, n);
                double[][] t = whole;
                whole = spare;
                spare = t;
            }
            double worst = 0;
            for (int r = 0; r < size; r++) {
                int[] c = cart.coords(r);
                int r0 = start(n, dims[0], c[0]);
                int c0 = start(n, dims[1], c[1]);
                int w = start(n, dims[1], c[1] + 1) - c0;
                double[] b = blocks.get(r);
                for (int k = 0; k < b.length; k++) {
                    worst = Math.max(worst, Math.abs(b[k] - whole[r0 + k / w + 1][c0 + k % w + 1]));
                }
            }
            System.out.printf(Locale.ROOT, "R0: %dx%d plate on %dx%d ranks, %d steps: centre %.6f, %s%n", n, n, dims[0], dims[1],
                    steps, whole[n / 2 + 1][n / 2 + 1],
                    worst == 0 ? "matches the sequential run" : "differs from the sequential run by " + worst);
            if (worst != 0) {
                System.exit(1);
            }
        } else {
            System.out.printf("R%d: rows %d-%d, columns %d-%d%n", cart.rank(), row0, row0 + rows - 1, col0,
                    col0 + cols - 1);
        }
        cart.Free();
        MPI.Finalize();
    }

    /** Where the part of coordinate c starts when n cells are cut into p parts, the first n % p one larger. */
    private static int start(int n, int p, int c) {
        return c * (n / p) + Math.min(c, n % p);
    }

    /** A block of rows x cols cells and its halo, all 0 but the top halo row when it lies on the plate's top edge. */
    private static double[][] plate(int rows, int cols, boolean top) {
        double[][] u = new double[rows + 2][cols + 2];
        if (top) {
            java.util.Arrays.fill(u[0], HOT);
        }
        return u;
    }

    /** One Jacobi step: each cell becomes the mean of its four neighbours. */
    private static void relax(double[][] u, double[][] next, int rows, int cols) {
        for (int i = 1; i <= rows; i++) {
            for (int j = 1; j <= cols; j++) {
                next[i][j] = 0.25 * (u[i - 1][j] + u[i + 1][j] + u[i][j - 1] + u[i][j + 1]);
            }
        }
    }
}
