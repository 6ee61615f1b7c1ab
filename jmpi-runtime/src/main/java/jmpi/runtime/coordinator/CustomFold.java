package jmpi.runtime.coordinator;

import io.netty.buffer.ByteBuf;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.op.OperationContext;
import jmpi.runtime.wire.CustomCall;
import jmpi.runtime.wire.Parts;

/**
 * A custom operation: the context's {@code apply} runs here with every source's data, and each
 * destination gets its entry of the result. An exception thrown by {@code apply} reaches every member.
 */
final class CustomFold implements Fold {
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void complete(Pending p, FoldContext ctx) {
        CustomCall first = (CustomCall) p.calls[0];
        // the context of the group's root decides, as every member sent the same one
        int[] src = first.src();
        int[] dst = first.dst();
        int root = src.length > 0 ? min(src) : min(dst);
        Object context = ctx.serial().fromBytes(p.callOf(root).parts()[0]);
        if (!(context instanceof OperationContext)) {
            throw new MPIException(MPI.ERR_ARG, "not an OperationContext: "
                    + (context == null ? "null" : context.getClass()));
        }
        Map<Integer, Object> in = new TreeMap<>();
        for (int r : src) {
            ByteBuf[] parts = p.callOf(r).parts();
            in.put(r, parts.length > 1 ? ctx.serial().fromBytes(parts[1]) : null);
        }
        Set<Integer> out = new TreeSet<>();
        for (int r : dst) {
            out.add(r);
        }
        Map<Integer, Object> results = ((OperationContext) context).apply(Collections.unmodifiableMap(in),
                Collections.unmodifiableSet(out));
        Map<Integer, byte[]> bytes = new HashMap<>();
        for (int r : out) {
            bytes.put(r, ctx.serial().toBytes(results == null ? null : results.get(r)));
        }
        ctx.replyAll(p, i -> {
            byte[] b = bytes.get(p.comm.rankOf(p.members[i]));
            return b == null ? Parts.NONE : new ByteBuf[] {Parts.wrap(b)};
        });
    }

    private static int min(int[] ranks) {
        int m = Integer.MAX_VALUE;
        for (int r : ranks) {
            m = Math.min(m, r);
        }
        return m;
    }
}
