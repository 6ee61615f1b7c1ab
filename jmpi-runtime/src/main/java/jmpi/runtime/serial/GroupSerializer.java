package jmpi.runtime.serial;

import java.util.TreeSet;
import jmpi.op.CommunicationGroup;
import org.apache.fory.config.Config;
import org.apache.fory.context.ReadContext;
import org.apache.fory.context.WriteContext;
import org.apache.fory.memory.MemoryBuffer;
import org.apache.fory.serializer.Serializer;

/** Writes a {@link CommunicationGroup} as two lists of ranks, so operations may carry groups. */
final class GroupSerializer extends Serializer<CommunicationGroup> {
    GroupSerializer(Config config) {
        super(config, CommunicationGroup.class, false);
    }

    @Override
    public void write(WriteContext ctx, CommunicationGroup g) {
        MemoryBuffer b = ctx.getBuffer();
        b.writeVarUInt32(g.src().size());
        for (int r : g.src()) {
            b.writeVarUInt32(r);
        }
        b.writeVarUInt32(g.dst().size());
        for (int r : g.dst()) {
            b.writeVarUInt32(r);
        }
    }

    @Override
    public CommunicationGroup read(ReadContext ctx) {
        MemoryBuffer b = ctx.getBuffer();
        TreeSet<Integer> src = new TreeSet<>();
        for (int i = b.readVarUInt32(); i > 0; i--) {
            src.add(b.readVarUInt32());
        }
        TreeSet<Integer> dst = new TreeSet<>();
        for (int i = b.readVarUInt32(); i > 0; i--) {
            dst.add(b.readVarUInt32());
        }
        return new CommunicationGroup(src, dst);
    }
}
