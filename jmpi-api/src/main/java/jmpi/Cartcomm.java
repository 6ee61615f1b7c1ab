package jmpi;

/**
 * A communicator whose ranks lie on a Cartesian grid, made by
 * {@link Comm#Create_cart(int[], boolean[], boolean)}: rank r sits at the row-major coordinates of r
 * (the last dimension varies fastest). A periodic dimension wraps round; past the edge of another
 * there is no rank ({@link MPI#PROC_NULL}).
 *
 * <p>For the neighbour collectives ({@link Topocomm}) each rank has two neighbours per dimension, in
 * MPI's order: for dimension 0, the rank at -1 then the rank at +1, then those of dimension 1, and so
 * on; so in- and out-neighbours are the same list, with {@link MPI#PROC_NULL} at open edges.
 */
public interface Cartcomm extends Topocomm {

    /**
     * The grid and this rank's place on it (mpi4py's {@code topo}).
     *
     * @param dims    the extent of each dimension
     * @param periods whether each dimension wraps round
     * @param coords  this rank's coordinates
     */
    record Topo(int[] dims, boolean[] periods, int[] coords) {
    }

    /**
     * The number of dimensions (MPI's {@code MPI_Cartdim_get}).
     *
     * @return the number of dimensions, 0 or more
     */
    int Get_dim();

    /**
     * The number of dimensions, as {@link #Get_dim()}.
     *
     * @return the number of dimensions
     */
    default int ndim() {
        return Get_dim();
    }

    /**
     * The number of dimensions, as {@link #Get_dim()}.
     *
     * @return the number of dimensions
     */
    default int dim() {
        return Get_dim();
    }

    /**
     * The extent of each dimension.
     *
     * @return a new array of the extents
     */
    int[] dims();

    /**
     * Whether each dimension wraps round.
     *
     * @return a new array, one entry per dimension
     */
    boolean[] periods();

    /**
     * The grid and this rank's coordinates (MPI's {@code MPI_Cart_get}).
     *
     * @return the extents, the periods and this rank's coordinates, each a new array
     */
    default Topo Get_topo() {
        return new Topo(dims(), periods(), coords());
    }

    /**
     * The grid and this rank's coordinates, as {@link #Get_topo()}.
     *
     * @return the extents, the periods and this rank's coordinates
     */
    default Topo topo() {
        return Get_topo();
    }

    /**
     * This rank's coordinates.
     *
     * @return a new array, one coordinate per dimension
     */
    default int[] coords() {
        return coords(rank());
    }

    /**
     * The coordinates of a rank (MPI's {@code MPI_Cart_coords}).
     *
     * @param rank a rank of this communicator
     * @return a new array, one coordinate per dimension
     * @throws MPIException ERR_RANK when rank is not one of this communicator's
     */
    int[] coords(int rank);

    /**
     * The coordinates of a rank, as {@link #coords(int)}.
     *
     * @param rank a rank of this communicator
     * @return a new array, one coordinate per dimension
     */
    default int[] Get_coords(int rank) {
        return coords(rank);
    }

    /**
     * The rank at the given coordinates (MPI's {@code MPI_Cart_rank}); a coordinate of a periodic
     * dimension wraps round.
     *
     * @param coords one coordinate per dimension
     * @return the rank there
     * @throws MPIException ERR_ARG when coords has another length than the grid's dimensions,
     *                      ERR_RANK when a coordinate of a non-periodic dimension is off the grid
     */
    int rank(int[] coords);

    /**
     * The rank at the given coordinates, as {@link #rank(int[])}.
     *
     * @param coords one coordinate per dimension
     * @return the rank there
     */
    default int Get_cart_rank(int[] coords) {
        return rank(coords);
    }

    /**
     * The ranks disp steps away along one dimension (MPI's {@code MPI_Cart_shift}): the one this rank
     * would receive from, at -disp, and the one it would send to, at +disp; {@link MPI#PROC_NULL}
     * past the edge of a non-periodic dimension.
     *
     * @param direction the dimension, from 0 to {@link #Get_dim()} - 1
     * @param disp      the displacement, negative to shift down
     * @return {@code {source, dest}}
     * @throws MPIException ERR_DIMS when direction is not a dimension of the grid
     */
    int[] Shift(int direction, int disp);

    /**
     * Splits the grid into sub-grids that keep the dimensions marked in remain (MPI's
     * {@code MPI_Cart_sub}). Collective; each rank gets the sub-grid through its own place, ranked
     * by its coordinates in the kept dimensions. Keeping none gives each rank a grid of 0 dimensions
     * of its own.
     *
     * @param remain one entry per dimension: true to keep it
     * @return this rank's sub-grid
     * @throws MPIException ERR_ARG when remain has another length than the grid's dimensions
     */
    Cartcomm Sub(boolean[] remain);

    /**
     * Always {@link MPI#CART}.
     *
     * @return {@link MPI#CART}
     */
    @Override
    default int Get_topology() {
        return MPI.CART;
    }
}
