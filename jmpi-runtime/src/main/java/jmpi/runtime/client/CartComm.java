package jmpi.runtime.client;

import jmpi.Cartcomm;
import jmpi.MPI;
import jmpi.runtime.link.Link;
import jmpi.runtime.p2p.DataPlane;

/** A Cartesian communicator: its {@link CartGrid}, and the grid's neighbours for the neighbour collectives. */
final class CartComm extends TopoComm implements Cartcomm {
    private final CartGrid grid;

    CartComm(ClientSession session, Link link, DataPlane data, int id, int rank, int[] members, CartGrid grid) {
        super(session, link, data, id, rank, members);
        this.grid = grid;
    }

    /** Makes the Cartesian communicators of grid. */
    static Maker of(CartGrid grid) {
        return (session, link, data, id, rank, members) -> new CartComm(session, link, data, id, rank, members, grid);
    }

    @Override
    NeighborCalls openNeighbours(ClientComm channel) {
        return NeighborCalls.cart(channel, grid.neighbours(rank()));
    }

    @Override
    Maker sameTopology() {
        return of(grid);
    }

    @Override
    public int Get_dim() {
        return grid.ndim();
    }

    @Override
    public int[] dims() {
        return grid.dims().clone();
    }

    @Override
    public boolean[] periods() {
        return grid.periods().clone();
    }

    @Override
    public int[] coords(int rank) {
        return grid.coords(rank);
    }

    @Override
    public int rank(int[] coords) {
        return grid.rank(coords);
    }

    @Override
    public int[] Shift(int direction, int disp) {
        return grid.shift(rank(), direction, disp);
    }

    @Override
    public Cartcomm Sub(boolean[] remain) {
        CartGrid kept = grid.keep(remain);
        return (Cartcomm) ((TopoComm) split(grid.subGrid(rank(), remain), rank(), of(kept))).open();
    }

    @Override
    public int Get_topology() {
        return MPI.CART;
    }

    @Override
    public String toString() {
        return "Cartcomm" + super.toString().substring("Comm".length());
    }
}
