package jmpi.examples;

import jmpi.Comm;
import jmpi.MPI;

/** Splits 4 ranks into the rows and columns of a 2×2 grid and reduces along each. */
public final class Grid {
    private Grid() {
    }

    public static void main(String[] args) {
        Comm world = MPI.COMM_WORLD;
        int side = (int) Math.round(Math.sqrt(world.size()));
        if (side * side != world.size()) {
            throw new IllegalArgumentException("needs a square number of ranks, not " + world.size());
        }
        int row = world.rank() / side;
        int col = world.rank() % side;
        Comm rowComm = world.Split(row, col);
        Comm colComm = world.Split(col, row);
        int rowSum = rowComm.allreduce(world.rank());
        int colSum = colComm.allreduce(world.rank());
        System.out.println("R" + world.rank() + ": row " + row + " sum " + rowSum + ", column " + col + " sum " + colSum);
        rowComm.Free();
        colComm.Free();
        MPI.Finalize();
    }
}
