package jmpi.runtime.serial;

import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Op;
import org.apache.fory.config.Config;
import org.apache.fory.context.ReadContext;
import org.apache.fory.context.WriteContext;
import org.apache.fory.serializer.Serializer;

/**
 * Writes a predefined {@link Op} as its ordinal and reads back the same constant. A user operation is
 * code, which cannot cross the wire: writing one fails with {@code ERR_OP}.
 */
final class OpSerializer extends Serializer<Op> {
    private static final Op[] PREDEFINED = Op.values();

    OpSerializer(Config config) {
        super(config, Op.class);
    }

    @Override
    public void write(WriteContext ctx, Op value) {
        if (!value.is_predefined()) {
            throw new MPIException(MPI.ERR_OP, "user operation '" + value.name() + "' is code, which cannot cross the"
                    + " wire; send a predefined operation, or an enum naming the operation to apply");
        }
        ctx.writeVarInt32(value.ordinal());
    }

    @Override
    public Op read(ReadContext ctx) {
        int i = ctx.readVarInt32();
        if (i < 0 || i >= PREDEFINED.length) {
            throw new MPIException(MPI.ERR_OP, "unknown operation " + i);
        }
        return PREDEFINED[i];
    }
}
