package jmpi.runtime.rma;

import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Op;
import jmpi.runtime.elem.BufferView;
import jmpi.runtime.elem.ElementType;
import jmpi.runtime.elem.Reductions;

/** The checks of the accumulating operations' arguments, made at the origin before anything is sent. */
final class Ops {
    private Ops() {
    }

    /** A predefined op that applies to elements of type t; ERR_OP otherwise. */
    static void check(Op op, ElementType t) {
        if (op == null) {
            throw new MPIException(MPI.ERR_OP, "no operation: pass one of the predefined ones, e.g. MPI.SUM");
        }
        if (!op.is_predefined()) {
            throw new MPIException(MPI.ERR_OP, "the user operation " + op.name() + " cannot apply at a window's target:"
                    + " one-sided operations take predefined ones (MPI.SUM, MPI.REPLACE, ...)");
        }
        if (!Reductions.applies(t, op)) {
            throw new MPIException(MPI.ERR_OP, op.name() + " does not apply to " + t.typeName() + " elements");
        }
    }

    /** The origin buffer of a fetching accumulate, of the result's type; null only with NO_OP, which reads alone. */
    static BufferView operand(Object origin, BufferView result, Op op) {
        if (origin == null && op == Op.NO_OP) {
            return null;
        }
        return sameType("Get_accumulate", "origin", BufferView.of(origin, "origin"), result);
    }

    static BufferView sameType(String what, String name, BufferView v, BufferView result) {
        if (v.type() != result.type()) {
            throw new MPIException(MPI.ERR_TYPE, what + ": " + name + " holds " + v.type().typeName()
                    + " elements and result " + result.type().typeName() + "; use one element type");
        }
        return v;
    }

    static void holds(String what, String name, BufferView v, int n) {
        if (v.count() < n) {
            throw new MPIException(MPI.ERR_COUNT, what + ": " + name + " holds " + v.count() + " elements, "
                    + n + " needed");
        }
    }
}
