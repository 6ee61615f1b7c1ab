package jmpi.runtime.serial;

import jmpi.Loc;
import org.apache.fory.config.Config;
import org.apache.fory.context.ReadContext;
import org.apache.fory.context.WriteContext;
import org.apache.fory.serializer.Serializer;

/** Writes a {@link Loc} through its accessors, so the API module need not open itself to Fory. */
@SuppressWarnings("rawtypes")
final class LocSerializer extends Serializer<Loc> {
    LocSerializer(Config config) {
        super(config, Loc.class);
    }

    @Override
    public void write(WriteContext ctx, Loc value) {
        ctx.writeVarInt32(value.index());
        ctx.writeRef(value.value());
    }

    @Override
    public Loc read(ReadContext ctx) {
        int index = ctx.readVarInt32();
        return new Loc<>(ctx.readRef(), index);
    }
}
